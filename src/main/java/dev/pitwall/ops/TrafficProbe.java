package dev.pitwall.ops;

import java.util.OptionalDouble;

import dev.pitwall.metrics.DirectTraffic;
import dev.pitwall.metrics.Slo;

/**
 * How failover and failback see what the tracks serve: reads of the model's ready pods' own
 * counters, keyed by track (two reads make figures: {@link DirectTraffic#between}), the model's
 * objective, and what one pod has sustained.
 */
public interface TrafficProbe {

    /** One read of every ready pod of the model, keyed by track. */
    DirectTraffic.Scrape read(String namespace, String model);

    /** The model's objective (its route's annotations, else the default). */
    Slo slo(String namespace, String model);

    /** The highest rate one pod of the model has sustained, per second, when a Prometheus knows it. */
    default OptionalDouble highestPerPodRate(String namespace, String model) {
        return OptionalDouble.empty();
    }
}
