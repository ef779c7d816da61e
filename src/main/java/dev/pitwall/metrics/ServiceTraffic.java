package dev.pitwall.metrics;

import java.util.Comparator;
import java.util.List;

/**
 * A model service's traffic now, per backend, against its SLO.
 *
 * @param namespace its namespace
 * @param model     its name
 * @param route     the HTTPRoute that splits its traffic
 * @param slo       its objective
 * @param backends  by name
 * @param source    where the figures come from ("prometheus" or "direct scrape")
 * @param problem   why figures are missing, "" when none are
 */
public record ServiceTraffic(String namespace, String model, String route, Slo slo, List<BackendTraffic> backends, String source,
                             String problem) {

    public static final String PROMETHEUS = "prometheus";
    public static final String DIRECT = "direct scrape";

    public ServiceTraffic {
        backends = List.copyOf(backends);
    }

    /** The highest burn among its backends that take traffic; NaN when none is known. */
    public double burn() {
        return backends.stream().filter(b -> b.requests() > 0).mapToDouble(BackendTraffic::burn).filter(b -> !Double.isNaN(b))
                .max().orElse(Double.NaN);
    }

    public double requests() {
        return backends.stream().mapToDouble(BackendTraffic::requests).filter(r -> !Double.isNaN(r)).sum();
    }

    /** Highest burn first; those without figures last. */
    public static final Comparator<ServiceTraffic> BY_BURN = Comparator.comparingDouble(
            (ServiceTraffic t) -> Double.isNaN(t.burn()) ? Double.NEGATIVE_INFINITY : t.burn()).reversed()
            .thenComparing(ServiceTraffic::model);
}
