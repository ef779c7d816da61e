package dev.pitwall.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.pitwall.kube.KubeClients;
import dev.pitwall.kube.RouteCatalog;
import dev.pitwall.kube.config.KubeconfigLocator;
import dev.pitwall.metrics.BackendTraffic;
import dev.pitwall.metrics.PrometheusClient;
import dev.pitwall.metrics.ServiceTraffic;
import dev.pitwall.metrics.TrafficReader;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pitwall top}: every model service of a context with, per backend, requests/s, error %,
 * p50 and p99 and how fast it burns its SLO, highest burn first; once, or every N seconds.
 */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = "Model services by SLO burn: per backend requests/s, error %%, p50/p99 latency, from Prometheus.")
public final class TopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--context", description = "The kubeconfig context (default: the current one).")
    String context;

    @Option(names = "--kubeconfig", description = "Kubeconfig file(s) (default: KUBECONFIG or ~/.kube/config).")
    List<Path> kubeconfigs = new ArrayList<>();

    @Option(names = "--prometheus", paramLabel = "URL", description = "The context's Prometheus, e.g. http://127.0.0.1:9090.")
    String prometheus;

    /** Where the figures come from. */
    enum Source { AUTO, PROMETHEUS, DIRECT }

    @Option(names = "--source", description = "auto (Prometheus; the pods' own /metrics through the API server when Prometheus"
            + " fails or none is given), prometheus or direct (default: ${DEFAULT-VALUE}).")
    Source source = Source.AUTO;

    @Option(names = "--direct-interval", paramLabel = "SECONDS", description = "Direct scraping: seconds between the two reads"
            + " (default: ${DEFAULT-VALUE}).")
    int directInterval = 5;

    @Option(names = "--bearer-token-file", paramLabel = "FILE", description = "A file holding a bearer token for Prometheus.")
    Path bearerTokenFile;

    @Option(names = "--window", description = "The rate window (default: ${DEFAULT-VALUE}).")
    String window = "1m";

    @Option(names = "--watch", paramLabel = "SECONDS", description = "Print again every SECONDS until interrupted.")
    Integer watch;

    @Option(names = "--count", description = "With --watch: stop after this many tables.")
    Integer count;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files = kubeconfigs.isEmpty() ? KubeconfigLocator.locate() : kubeconfigs;
        String name = context;
        if (name == null) {
            throw new UserError("give the context with --context (top reads one context at a time)");
        }
        if (prometheus == null && source == Source.PROMETHEUS) {
            throw new UserError("give the context's Prometheus with --prometheus URL, or use --source direct");
        }
        PrometheusClient.Endpoint endpoint = PrometheusClient.Endpoint.of(prometheus == null ? "http://prometheus.invalid" : prometheus);
        if (bearerTokenFile != null) {
            try {
                endpoint = new PrometheusClient.Endpoint(endpoint.url(), java.nio.file.Files.readString(bearerTokenFile).trim(), null, null);
            } catch (java.io.IOException e) {
                throw new UserError("cannot read the bearer token file " + bearerTokenFile + ": " + e.getMessage());
            }
        }
        TrafficReader reader = new TrafficReader(new PrometheusClient(endpoint, Duration.ofSeconds(5)), window);
        try (KubernetesClient client = KubeClients.forContext(files, name)) {
            dev.pitwall.kube.DirectScraper direct = new dev.pitwall.kube.DirectScraper(client);
            for (int printed = 0; ; printed++) {
                List<TrafficReader.RouteRef> routes = RouteCatalog.routes(client);
                List<ServiceTraffic> traffic = new ArrayList<>();
                String fallback = "";
                if (source != Source.DIRECT && prometheus != null) {
                    traffic.addAll(routes.stream().map(reader::read).toList());
                    fallback = traffic.stream().map(ServiceTraffic::problem).filter(problem -> !problem.isEmpty()).findFirst().orElse("");
                }
                if (source == Source.DIRECT || (source == Source.AUTO && (prometheus == null || !fallback.isEmpty()))) {
                    traffic.clear();
                    // all model services read in parallel, so one interval covers them all
                    List<java.util.concurrent.CompletableFuture<ServiceTraffic>> reads = routes.stream()
                            .map(route -> java.util.concurrent.CompletableFuture.supplyAsync(
                                    () -> direct.read(route, Duration.ofSeconds(directInterval)), Thread::startVirtualThread)).toList();
                    reads.forEach(read -> traffic.add(read.join()));
                }
                traffic.sort(ServiceTraffic.BY_BURN);
                print(out, name, endpoint, traffic, fallback);
                if (watch == null || (count != null && printed + 1 >= count)) {
                    return ExitCodes.OK;
                }
                Thread.sleep(watch * 1000L);
            }
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            throw new UserError("cannot list the model services' routes in " + name + ": " + e.getMessage(), ExitCodes.UNAVAILABLE);
        }
    }

    static void print(PrintWriter out, String context, PrometheusClient.Endpoint endpoint, List<ServiceTraffic> traffic, String fallback) {
        boolean directly = !traffic.isEmpty() && traffic.getFirst().source().equals(ServiceTraffic.DIRECT);
        out.printf("%s · %s · %s%n", context, directly ? "SOURCE: DIRECT SCRAPE of the pods' /metrics through the API server"
                + (fallback.isEmpty() ? "" : " (Prometheus failed: " + fallback + ")") : "Prometheus " + endpoint,
                java.time.LocalTime.now().withNano(0));
        out.printf("%-28s %-24s %9s %7s %8s %8s %6s  %s%n", "MODEL SERVICE", "BACKEND", "REQ/S", "ERR %", "P50 MS", "P99 MS", "BURN",
                "SLO");
        for (ServiceTraffic service : traffic) {
            String key = service.namespace() + "/" + service.model();
            String slo = String.format(Locale.ROOT, "%.2f%% / %.0f ms", service.slo().availability() * 100, service.slo().p99Seconds() * 1000);
            if (!service.problem().isEmpty()) {
                out.printf("%-28s %s%n", key, "no figures: " + service.problem());
                continue;
            }
            if (service.backends().isEmpty()) {
                out.printf("%-28s %-24s %9s %7s %8s %8s %6s  %s%n", key, "(no traffic)", "-", "-", "-", "-", "-", slo);
            }
            for (BackendTraffic backend : service.backends()) {
                out.printf(Locale.ROOT, "%-28s %-24s %9.2f %7s %8s %8s %6s  %s%n", key, backend.backend(), backend.requests(),
                        number(backend.errorRatio() * 100, 2), number(backend.p50() * 1000, 1), number(backend.p99() * 1000, 1),
                        number(backend.burn(), 2), slo);
                key = "";
            }
        }
        out.flush();
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
