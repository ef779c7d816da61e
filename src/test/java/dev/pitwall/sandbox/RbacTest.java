package dev.pitwall.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The sandbox's identities: the viewer is refused (403) on every mutating verb and allowed to
 * read; what SelfSubjectAccessReview ({@code kubectl auth can-i}) says matches what the server
 * enforces, for every identity, verb and resource tried.
 */
class RbacTest {

    @TempDir
    static Path dir;
    static Sandbox sandbox;
    static Kubectl kubectl;
    static SandboxHttp http;
    static KubernetesClient lead;
    static String pod;

    @BeforeAll
    static void start() {
        sandbox = TestSandboxes.start("single-active", dir);
        kubectl = new Kubectl(sandbox.kubeconfig());
        http = new SandboxHttp(sandbox);
        lead = TestSandboxes.client(sandbox, SandboxIdentity.LEAD);
        TestSandboxes.awaitSteady(sandbox, lead);
        pod = lead.pods().inNamespace("models").list().getItems().getFirst().getMetadata().getName();
        sandbox.apiServer().addObserver(record -> {
            if (record.mutating() && record.code() < 400) {
                accepted.add(record);
            }
        });
        // A second revision, so that 'rollout undo' has something to try.
        kubectl.run("--context", sandbox.context(SandboxIdentity.LEAD), "rollout", "restart", "deployment/recommender-primary")
                .assertOk();
        kubectl.run(60, "--context", sandbox.context(SandboxIdentity.LEAD), "rollout", "status",
                "deployment/recommender-primary", "--timeout=50s").assertOk();
    }

    static final List<dev.pitwall.sandbox.apiserver.RequestRecord> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterAll
    static void stop() {
        lead.close();
        sandbox.close();
    }

    @Test
    void viewerIsRefusedEveryMutatingVerbThroughKubectl() {
        String viewer = sandbox.context(SandboxIdentity.VIEWER);
        List<List<String>> mutations = List.of(
                List.of("delete", "pod", pod, "--wait=false"),
                List.of("delete", "pod", pod, "--grace-period=0", "--force"),
                List.of("scale", "deployment/fraud-detector-primary", "--replicas=3"),
                List.of("rollout", "restart", "deployment/fraud-detector-primary"),
                List.of("rollout", "pause", "deployment/fraud-detector-primary"),
                List.of("rollout", "undo", "deployment/recommender-primary"),
                List.of("set", "image", "deployment/fraud-detector-primary", "model-server=x:1"),
                List.of("patch", "httproute", "fraud-detector", "--type=merge", "-p", "{\"spec\":{\"hostnames\":[\"x\"]}}"),
                List.of("label", "pod", pod, "chaos=yes"),
                List.of("annotate", "deployment", "fraud-detector-primary", "note=x"),
                List.of("cordon", "sandbox-node-1"),
                List.of("create", "configmap", "x", "--from-literal=a=b"),
                List.of("delete", "deployment", "fraud-detector-primary"));
        List<String> unexplained = new ArrayList<>();
        for (List<String> mutation : mutations) {
            List<String> args = new ArrayList<>(List.of("--context", viewer));
            args.addAll(mutation);
            Kubectl.Result result = kubectl.run(args.toArray(String[]::new));
            if (!result.all().contains("forbidden: User \"viewer\" cannot")) {
                unexplained.add(String.join(" ", mutation) + " -> " + result.all().strip());
            }
        }
        List<String> leaked = accepted.stream().filter(record -> record.user().equals("viewer"))
                .map(record -> record.verb() + " " + record.path()).toList();
        assertTrue(leaked.isEmpty(), "the server accepted the viewer's: " + leaked);
        assertTrue(unexplained.isEmpty(), "refusals kubectl did not explain: " + unexplained);
        assertEquals(2, lead.apps().deployments().inNamespace("models").list().getItems().size());
        assertTrue(!Boolean.TRUE.equals(lead.nodes().withName("sandbox-node-1").get().getSpec().getUnschedulable()));
    }

    @Test
    void viewerMayRead() {
        String viewer = sandbox.context(SandboxIdentity.VIEWER);
        for (String resource : List.of("pods", "deployments", "replicasets", "nodes", "services", "endpointslices",
                "poddisruptionbudgets", "httproutes", "events", "leases")) {
            kubectl.run("--context", viewer, "get", resource, "-A").assertOk();
        }
        assertTrue(kubectl.run("--context", viewer, "get", "secrets").all().contains("forbidden"), "secrets stay hidden");
    }

    private record Probe(String verb, String group, String resource, String subresource, String method, String path,
                         String contentType, String body) {
        String canIArgs() {
            String qualified = group.isEmpty() ? resource : resource + "." + group;
            return verb + " " + qualified;
        }
    }

    @Test
    void accessReviewsMatchWhatTheServerEnforces() {
        String pods = "/api/v1/namespaces/models/pods";
        String deployments = "/apis/apps/v1/namespaces/models/deployments";
        String routes = "/apis/gateway.networking.k8s.io/v1/namespaces/models/httproutes";
        String merge = "application/merge-patch+json";
        List<Probe> probes = List.of(
                new Probe("get", "", "pods", "", "GET", pods + "/" + pod, null, null),
                new Probe("list", "", "pods", "", "GET", pods, null, null),
                new Probe("delete", "", "pods", "", "DELETE", pods + "/" + pod + "?dryRun=All", null, null),
                new Probe("create", "", "pods", "eviction", "POST", pods + "/" + pod + "/eviction?dryRun=All", "application/json",
                        "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + pod + "\"}}"),
                new Probe("patch", "apps", "deployments", "", "PATCH", deployments + "/fraud-detector-primary?dryRun=All", merge, "{}"),
                new Probe("delete", "apps", "deployments", "", "DELETE", deployments + "/fraud-detector-primary?dryRun=All", null, null),
                new Probe("patch", "apps", "deployments", "scale", "PATCH", deployments + "/fraud-detector-primary/scale?dryRun=All",
                        merge, "{\"spec\":{\"replicas\":1}}"),
                new Probe("patch", "gateway.networking.k8s.io", "httproutes", "", "PATCH", routes + "/fraud-detector?dryRun=All",
                        merge, "{}"),
                new Probe("create", "coordination.k8s.io", "leases", "", "POST",
                        "/apis/coordination.k8s.io/v1/namespaces/models/leases?dryRun=All", "application/json",
                        "{\"metadata\":{\"name\":\"probe\"},\"spec\":{}}"),
                new Probe("patch", "", "nodes", "", "PATCH", "/api/v1/nodes/sandbox-node-1?dryRun=All", merge, "{}"),
                new Probe("list", "", "secrets", "", "GET", "/api/v1/namespaces/models/secrets", null, null),
                new Probe("create", "", "configmaps", "", "POST", "/api/v1/namespaces/models/configmaps?dryRun=All",
                        "application/json", "{\"metadata\":{\"name\":\"probe\"}}"));
        List<String> mismatches = new ArrayList<>();
        int allowedSomewhere = 0;
        int deniedSomewhere = 0;
        for (SandboxIdentity identity : SandboxIdentity.people()) {
            for (Probe probe : probes) {
                List<String> args = new ArrayList<>(List.of("--context", sandbox.context(identity), "auth", "can-i",
                        probe.verb(), probe.group().isEmpty() ? probe.resource() : probe.resource() + "." + probe.group(),
                        "-n", "models"));
                if (!probe.subresource().isEmpty()) {
                    args.add("--subresource=" + probe.subresource());
                }
                String answer = kubectl.run(args.toArray(String[]::new)).out().strip();
                boolean said = answer.startsWith("yes");
                HttpResponse<String> response = http.send(identity, probe.method(), probe.path(), probe.contentType(), probe.body());
                boolean enforced = response.statusCode() != 403;
                if (said != enforced) {
                    mismatches.add(identity + " " + probe.canIArgs() + " " + probe.subresource() + ": can-i said " + answer
                            + ", server answered " + response.statusCode());
                }
                if (enforced) {
                    allowedSomewhere++;
                } else {
                    deniedSomewhere++;
                }
            }
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
        assertTrue(allowedSomewhere > 10 && deniedSomewhere > 10, "the matrix exercises both answers");
    }

    @Test
    void unknownTokenIsUnauthenticated() {
        Path other = dir.resolve("stranger.kubeconfig");
        try {
            java.nio.file.Files.writeString(other, java.nio.file.Files.readString(sandbox.kubeconfig())
                    .replace(sandbox.token(SandboxIdentity.LEAD), "sandbox-not-a-real-token"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Kubectl.Result result = new Kubectl(other).run("--context", sandbox.context(SandboxIdentity.LEAD), "get", "pods");
        assertTrue(result.exitCode() != 0 && result.all().contains("You must be logged in to the server"), result.all());
    }
}
