package dev.pitwall.ui.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.pitwall.fleet.ModelService;
import dev.pitwall.metrics.BackendTraffic;
import dev.pitwall.metrics.ServiceTraffic;
import dev.pitwall.metrics.TrafficMonitor;
import dev.pitwall.metrics.TrafficReader;
import dev.pitwall.ops.FailoverAdvisor;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The traffic the views show: the followed model service's frames and the fleet's top table, from
 * each context's {@link TrafficMonitor}. Frames arrive on the monitors' threads and are applied on
 * the JavaFX thread, at most one pending of each kind: a slow or failing source never blocks it.
 */
public final class TrafficViewModel {

    /** A row of the top table: a model service of a context, and where its figures come from. */
    public record TopRow(String context, ServiceTraffic traffic) {
    }

    static final Duration FOLLOW_PERIOD = Duration.ofSeconds(1);
    static final Duration FLEET_PERIOD = Duration.ofSeconds(5);

    private Function<String, TrafficMonitor> monitors = context -> null;
    private final ObjectProperty<TrafficMonitor.Frame> frame = new SimpleObjectProperty<>();
    private final ObservableList<TopRow> top = FXCollections.observableArrayList();
    private final ObjectProperty<String> topSource = new SimpleObjectProperty<>("");
    private final AtomicReference<TrafficMonitor.Frame> pendingFrame = new AtomicReference<>();
    private final AtomicBoolean frameScheduled = new AtomicBoolean();
    private final Map<String, TrafficMonitor.Table> tables = new ConcurrentHashMap<>();
    private final AtomicBoolean tableScheduled = new AtomicBoolean();
    private final Map<String, List<TrafficReader.RouteRef>> routes = new ConcurrentHashMap<>();
    private volatile TrafficReader.RouteRef followed;
    private TrafficMonitor following;
    private final Map<String, TrafficMonitor> watchingFleet = new LinkedHashMap<>();
    private boolean topShown;
    private volatile ModelService followedService;
    private FailoverAdvisor advisor = new FailoverAdvisor(FailoverAdvisor.DEFAULT_AFTER);
    private final ObjectProperty<FailoverAdvisor.Advice> advice = new SimpleObjectProperty<>();

    /** Where each context's monitor comes from (the wiring in app); null for a context without one. */
    public void setMonitors(Function<String, TrafficMonitor> monitors) {
        this.monitors = monitors;
    }

    /** The route of a model service, with the annotations that choose its queries and SLO. */
    public static TrafficReader.RouteRef routeOf(ModelService service) {
        return new TrafficReader.RouteRef(service.namespace(), service.name(), service.route().isEmpty() ? service.name()
                : service.route(), service.routeAnnotations());
    }

    /** Follows a model service of a context every second; null stops following. */
    public void follow(String context, ModelService service) {
        TrafficReader.RouteRef route = service == null ? null : routeOf(service);
        TrafficMonitor monitor = context == null ? null : monitors.apply(context);
        followedService = service; // its tracks' weights change as traffic moves: the advice reads the newest
        if (Objects.equals(route, followed) && monitor == following) {
            return;
        }
        advice.set(null);
        if (following != null) {
            following.stopFollowing();
        }
        followed = route;
        following = monitor;
        frame.set(null);
        if (monitor != null && route != null) {
            monitor.follow(route, FOLLOW_PERIOD, this::offer);
        }
    }

    /** The model services of each open context, for the top table (kept current by the fleet view). */
    public void setRoutes(String context, List<TrafficReader.RouteRef> services) {
        routes.put(context, List.copyOf(services));
        if (topShown) {
            watchTop(true); // a context opened while the table shows: read it too
        }
    }

    /** Reads every context's model services every few seconds while {@code on}. */
    public void watchTop(boolean on) {
        topShown = on;
        if (!on) {
            watchingFleet.values().forEach(TrafficMonitor::stopFleet);
            watchingFleet.clear();
            return;
        }
        for (String context : List.copyOf(routes.keySet())) {
            TrafficMonitor monitor = monitors.apply(context);
            if (monitor != null && watchingFleet.put(context, monitor) != monitor) {
                monitor.watchFleet(() -> routes.getOrDefault(context, List.of()), FLEET_PERIOD, table -> offer(context, table));
            }
        }
    }

    private void offer(TrafficMonitor.Frame next) {
        if (!next.route().equals(followed)) {
            return; // a frame of the service followed before
        }
        pendingFrame.set(next);
        if (frameScheduled.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                frameScheduled.set(false);
                TrafficMonitor.Frame newest = pendingFrame.getAndSet(null);
                if (newest != null && newest.route().equals(followed)) {
                    frame.set(newest);
                    advice.set(advisor.offer(followedService, newest.source() == TrafficMonitor.Source.NONE ? null : newest.now(),
                            java.time.Instant.now()).orElse(null));
                }
            });
        }
    }

    private void offer(String context, TrafficMonitor.Table table) {
        tables.put(context, table);
        if (tableScheduled.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                tableScheduled.set(false);
                List<TopRow> rows = new ArrayList<>();
                List<String> sources = new ArrayList<>();
                tables.forEach((name, each) -> {
                    each.services().forEach(service -> rows.add(new TopRow(name, service)));
                    sources.add(name + ": " + (each.source() == TrafficMonitor.Source.PROMETHEUS ? "" : "DIRECT SCRAPE · ") + each.why());
                });
                rows.sort((a, b) -> ServiceTraffic.BY_BURN.compare(a.traffic(), b.traffic()));
                top.setAll(rows);
                topSource.set(String.join("\n", sources));
            });
        }
    }

    /** A failover recommended for the followed model service (its serving backend out of its objective for a while), or null. */
    public ReadOnlyObjectProperty<FailoverAdvisor.Advice> adviceProperty() {
        return advice;
    }

    /** How long a breach lasts before a failover is recommended ({@link FailoverAdvisor#DEFAULT_AFTER} unless set). */
    public void setAdviseAfter(Duration after) {
        advisor = new FailoverAdvisor(after);
    }

    public ReadOnlyObjectProperty<TrafficMonitor.Frame> frameProperty() {
        return frame;
    }

    public ObservableList<TopRow> top() {
        return top;
    }

    public ReadOnlyObjectProperty<String> topSourceProperty() {
        return topSource;
    }

    /**
     * What in a frame's figures cannot be charted, in words: values that are not numbers (NaN
     * where there is traffic, or infinite), as a misbehaving source may send.
     */
    public static String oddities(ServiceTraffic traffic) {
        List<String> odd = new ArrayList<>();
        for (BackendTraffic backend : traffic.backends()) {
            check(odd, backend.backend(), "requests/s", backend.requests(), false);
            boolean busy = backend.requests() > 0;
            check(odd, backend.backend(), "error ratio", backend.errorRatio(), busy);
            check(odd, backend.backend(), "p50", backend.p50(), busy);
            check(odd, backend.backend(), "p99", backend.p99(), busy);
        }
        return odd.isEmpty() ? "" : "Not numbers, not charted: " + String.join(", ", odd)
                + ". Check the source's query templates (docs/metrics.md).";
    }

    private static void check(List<String> odd, String backend, String figure, double value, boolean nanIsOdd) {
        if (Double.isInfinite(value) || (nanIsOdd && Double.isNaN(value))) {
            odd.add(figure + " of " + backend + " is " + (Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf"));
        }
    }
}
