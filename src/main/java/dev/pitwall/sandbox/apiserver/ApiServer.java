package dev.pitwall.sandbox.apiserver;

import java.net.BindException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pitwall.sandbox.rbac.Authenticator;
import dev.pitwall.sandbox.rbac.RbacAuthorizer;
import dev.pitwall.sandbox.rbac.RequestAttributes;
import dev.pitwall.sandbox.rbac.UserInfo;
import dev.pitwall.sandbox.store.ApiException;
import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.ResourceType;
import dev.pitwall.sandbox.store.ResourceTypes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's Kubernetes API server over HTTPS on a loopback address: discovery, the
 * resource verbs with label and field selectors, watches (chunked HTTP and WebSocket),
 * server-side printing, the status, scale, eviction and binding subresources, access reviews,
 * and bearer-token authentication with RBAC on every request.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Vertx vertx;
    private final Proxy proxy;
    private final ObjectStore store;
    private final ResourceTypes types;
    private final Authenticator authenticator;
    private final RbacAuthorizer authorizer;
    private final ResourceHandler resources;
    private final WatchHandler watches;
    private final SubresourceHandler subresources;
    private final ReviewHandler reviews;
    private final List<Consumer<RequestRecord>> observers = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private Discovery discovery;

    public ApiServer(Vertx vertx, ObjectStore store, ResourceTypes types, Authenticator authenticator, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.types = types;
        this.authenticator = authenticator;
        this.authorizer = new RbacAuthorizer(store, types);
        this.resources = new ResourceHandler(store);
        this.watches = new WatchHandler(vertx, store);
        this.subresources = new SubresourceHandler(store, types, clock);
        this.proxy = new Proxy(vertx, store, types.find("", "pods").orElseThrow(), types.find("", "services").orElseThrow(),
                types.find("discovery.k8s.io", "endpointslices").orElseThrow());
        this.reviews = new ReviewHandler(authorizer);
    }

    /** Starts serving HTTPS with the given certificate; port 0 picks a free one. Throws {@link PortInUseException} when the port is taken. */
    public int start(String host, int port, String certificatePem, String keyPem) {
        HttpServer created = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                        .addCertValue(Buffer.buffer(certificatePem)).addKeyValue(Buffer.buffer(keyPem)))
                .setMaxWebSocketFrameSize(64 * 1024 * 1024).setMaxWebSocketMessageSize(64 * 1024 * 1024));
        created.requestHandler(this::handle);
        try {
            server = created.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BindException) {
                throw new PortInUseException(host, port);
            }
            throw new IllegalStateException("the sandbox API server could not start: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the sandbox API server", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the sandbox API server did not start within 10 s", e);
        }
        discovery = new Discovery(types, host + ":" + server.actualPort());
        return server.actualPort();
    }

    /** Observes every answered request (tests count mutating ones). */
    public void addObserver(Consumer<RequestRecord> observer) {
        observers.add(observer);
    }

    public RbacAuthorizer authorizer() {
        return authorizer;
    }

    private void handle(HttpServerRequest http) {
        String upgrade = http.getHeader(io.vertx.core.http.HttpHeaders.UPGRADE);
        if (upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
            guarded(http, () -> dispatch(http, null)); // a WebSocket watch has no body to read
            return;
        }
        http.body().onComplete(body -> guarded(http, () -> dispatch(http, body.succeeded() ? body.result() : null)));
    }

    private static void guarded(HttpServerRequest http, Runnable action) {
        try {
            action.run();
        } catch (ApiException error) {
            Responses.error(http.response(), error);
        } catch (SubresourceHandler.DisruptionBudgetViolation violation) {
            Responses.json(http.response(), 429, violation.status());
        } catch (IllegalArgumentException error) {
            Responses.error(http.response(), ApiException.badRequest(error.getMessage()));
        } catch (RuntimeException error) {
            LOG.warn("sandbox API server failed on {} {}: {}", http.method(), http.path(), error.toString());
            Responses.error(http.response(), new ApiException(500, "InternalError", String.valueOf(error.getMessage())));
        }
    }

    /** The body as JSON text, read only after the request is authorized, as Kubernetes does. */
    private static String text(HttpServerRequest http, Buffer body) {
        if (body == null) {
            return "";
        }
        return ProtobufBodies.isProtobuf(http.getHeader("Content-Type")) ? ProtobufBodies.toJson(body.getBytes()) : body.toString();
    }

    private void dispatch(HttpServerRequest http, Buffer body) {
        Optional<UserInfo> authenticated = authenticator.authenticate(http.getHeader("Authorization"));
        if (authenticated.isEmpty()) {
            throw new ApiException(401, "Unauthorized", "Unauthorized");
        }
        UserInfo user = authenticated.get();
        String path = http.path();
        Optional<ApiPath> parsed = ApiPath.parse(path);
        if (parsed.isEmpty() || isDiscoveryPath(path)) {
            nonResource(http, user, path);
            return;
        }
        ApiPath apiPath = parsed.get();
        ResourceType type = types.find(apiPath.group(), apiPath.resource())
                .filter(found -> found.version().equals(apiPath.version()))
                .orElseThrow(() -> new ApiException(404, "NotFound", "the server could not find the requested resource"));
        if (!type.namespaced() && !apiPath.namespace().isEmpty()) {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }
        String verb = verb(http, apiPath);
        RequestAttributes attributes = RequestAttributes.resource(verb, type.group(), type.plural(), apiPath.subresource(),
                apiPath.namespace(), apiPath.name());
        if (type.isReview() && !user.equals(UserInfo.ANONYMOUS)) {
            attributes = RequestAttributes.resource("create", type.group(), type.plural(), "", "", "");
        }
        RequestAttributes finalAttributes = attributes;
        http.response().bodyEndHandler(ignored -> record(user, http, finalAttributes, http.response().getStatusCode()));
        if (!authorizer.allowed(user, attributes)) {
            if (user.equals(UserInfo.ANONYMOUS)) {
                throw new ApiException(401, "Unauthorized", "Unauthorized");
            }
            throw new ApiException(403, "Forbidden", RbacAuthorizer.forbiddenMessage(user, attributes));
        }
        route(new ApiRequest(http, user, type, apiPath, attributes, text(http, body)), verb);
    }

    private void route(ApiRequest request, String verb) {
        ApiPath path = request.path();
        String subresource = path.subresource();
        if (request.type().isReview()) {
            reviews.review(request);
            return;
        }
        if (request.type().kind().equals("Binding") && verb.equals("create")) {
            subresources.bind(request);
            return;
        }
        switch (subresource) {
            case "" -> {
                switch (verb) {
                    case "get" -> resources.get(request);
                    case "list" -> resources.list(request);
                    case "watch" -> watches.watch(request);
                    case "create" -> resources.create(request);
                    case "update" -> resources.update(request);
                    case "patch" -> resources.patch(request);
                    case "delete" -> resources.delete(request);
                    case "deletecollection" -> resources.deleteCollection(request);
                    default -> throw methodNotAllowed();
                }
            }
            case "status" -> {
                if (!request.type().hasStatus()) {
                    throw new ApiException(404, "NotFound", "the server could not find the requested resource");
                }
                switch (verb) {
                    case "get" -> resources.get(request);
                    case "update" -> resources.update(request);
                    case "patch" -> resources.patch(request);
                    default -> throw methodNotAllowed();
                }
            }
            case "scale" -> {
                requireSubresource(request.type(), "scale");
                switch (verb) {
                    case "get" -> subresources.getScale(request);
                    case "update" -> subresources.updateScale(request, false);
                    case "patch" -> subresources.updateScale(request, true);
                    default -> throw methodNotAllowed();
                }
            }
            case "eviction" -> {
                requireSubresource(request.type(), "eviction");
                if (!verb.equals("create")) {
                    throw methodNotAllowed();
                }
                subresources.evict(request);
            }
            case "binding" -> {
                requireSubresource(request.type(), "binding");
                if (!verb.equals("create")) {
                    throw methodNotAllowed();
                }
                subresources.bind(request);
            }
            case "proxy" -> {
                requireSubresource(request.type(), "proxy");
                if (!verb.equals("get")) {
                    throw methodNotAllowed();
                }
                proxy.get(request);
            }
            default -> throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }
    }

    private static void requireSubresource(ResourceType type, String name) {
        if (!type.subresources().contains(name)) {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }
    }

    private static ApiException methodNotAllowed() {
        return new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
    }

    private static String verb(HttpServerRequest http, ApiPath path) {
        HttpMethod method = http.method();
        boolean watch = "true".equals(http.getParam("watch")) || "1".equals(http.getParam("watch"));
        if (method == HttpMethod.GET) {
            if (watch) {
                return "watch";
            }
            return path.isCollection() ? "list" : "get";
        }
        if (method == HttpMethod.POST) {
            return "create";
        }
        if (method == HttpMethod.PUT) {
            return "update";
        }
        if (method == HttpMethod.PATCH) {
            return "patch";
        }
        if (method == HttpMethod.DELETE) {
            return path.isCollection() ? "deletecollection" : "delete";
        }
        return method.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isDiscoveryPath(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.matches("/api(/v1)?") || trimmed.matches("/apis(/[^/]+(/[^/]+)?)?");
    }

    private void nonResource(HttpServerRequest http, UserInfo user, String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        RequestAttributes attributes = new RequestAttributes("get", "", "", "", "", "", trimmed);
        http.response().bodyEndHandler(ignored -> record(user, http, attributes, http.response().getStatusCode()));
        if (!authorizer.allowed(user, attributes)) {
            throw new ApiException(403, "Forbidden", RbacAuthorizer.forbiddenMessage(user, attributes));
        }
        ObjectNode answer = switch (trimmed) {
            case "/version" -> discovery.version();
            case "/api" -> discovery.coreVersions();
            case "/apis" -> discovery.groups();
            case "/api/v1" -> discovery.resources("", "v1");
            default -> {
                String[] parts = trimmed.split("/");
                if (parts.length == 3 && parts[1].equals("apis") && discovery.hasGroup(parts[2])) {
                    yield discovery.group(parts[2]);
                }
                if (parts.length == 4 && parts[1].equals("apis")) {
                    yield discovery.resources(parts[2], parts[3]);
                }
                yield null;
            }
        };
        if (trimmed.equals("/healthz") || trimmed.equals("/readyz") || trimmed.equals("/livez")) {
            http.response().setStatusCode(200).putHeader("Content-Type", "text/plain").end("ok");
            return;
        }
        if (answer == null) {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }
        Responses.json(http.response(), 200, answer);
    }

    private void record(UserInfo user, HttpServerRequest http, RequestAttributes attributes, int code) {
        if (observers.isEmpty()) {
            return;
        }
        RequestRecord record = new RequestRecord(user.name(), attributes.verb(), http.method().name(), http.path(),
                attributes.group(), attributes.resource(), attributes.subresource(), attributes.namespace(),
                attributes.name(), code, attributes.isResourceRequest() && attributes.isMutating()
                && !attributes.resource().startsWith("selfsubject"));
        observers.forEach(observer -> observer.accept(record));
    }

    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("sandbox API server did not close cleanly: {}", e.toString());
            }
        }
    }

    /** The port asked for is taken by another program. */
    public static final class PortInUseException extends RuntimeException {
        public PortInUseException(String host, int port) {
            super("port " + port + " on " + host + " is already in use");
        }
    }
}
