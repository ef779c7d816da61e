package dev.pitwall.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A context's live traffic: every second, the model service an operator follows, with 15 minutes
 * of history; every few seconds, the fleet's table. Figures come from Prometheus while it answers;
 * when it does not (or there is none), from the pods' own /metrics ({@link DirectSource}), and
 * each frame says which source it came from and why. Prometheus is asked again every tick, so
 * Pitwall switches back as soon as it answers. Runs on its own threads; consumers get finished,
 * immutable frames.
 */
public final class TrafficMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficMonitor.class);

    /** Reads a model service's pods' /metrics once (in {@code kube}). */
    public interface DirectSource {
        DirectTraffic.Scrape scrape(TrafficReader.RouteRef ref);
    }

    /** Where the figures shown come from. */
    public enum Source { PROMETHEUS, DIRECT, NONE }

    /**
     * The followed model service now.
     *
     * @param route   the model service
     * @param now     its figures now (empty backends while direct scraping collects its first two reads)
     * @param history the last 15 minutes
     * @param source  where the figures come from
     * @param why     the source in words: which Prometheus, or why it is not used (and, for NONE, why direct scraping failed too)
     */
    public record Frame(TrafficReader.RouteRef route, ServiceTraffic now, TrafficHistory.Snapshot history, Source source, String why) {
    }

    /** The fleet's model services now, highest burn first, and where their figures come from. */
    public record Table(List<ServiceTraffic> services, Source source, String why) {
        public Table {
            services = List.copyOf(services);
        }
    }

    private static final Duration LOOK_AGAIN = Duration.ofSeconds(30);

    private final Supplier<PrometheusChoice> locate;
    private PrometheusChoice prometheus;
    private long locatedAt;
    private final DirectSource direct;
    private final String window;
    private final Duration directWindow;
    private final Clock clock;
    private final ScheduledExecutorService ticks;
    private final ScheduledExecutorService fleetTicks;
    private ScheduledFuture<?> following;
    private ScheduledFuture<?> fleet;

    /**
     * @param locate        finds the context's Prometheus (on the monitor's thread: it may ask the cluster); without
     *                      one found, it is asked again every 30 s
     * @param window        the PromQL rate window ("1m")
     * @param directWindow  how far back direct scraping computes rates from
     */
    public TrafficMonitor(String context, Supplier<PrometheusChoice> locate, DirectSource direct, String window,
                          Duration directWindow, Clock clock) {
        this.locate = locate;
        this.direct = direct;
        this.window = window;
        this.directWindow = directWindow;
        this.clock = clock;
        this.ticks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("traffic-" + context).factory());
        this.fleetTicks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("traffic-fleet-" + context)
                .factory());
    }

    /** Follows one model service every {@code period}, replacing the one followed before. */
    public synchronized void follow(TrafficReader.RouteRef route, Duration period, Consumer<Frame> frames) {
        stopFollowing();
        Follower follower = new Follower(route, frames);
        following = ticks.scheduleWithFixedDelay(() -> guarded(follower::tick), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stopFollowing() {
        if (following != null) {
            following.cancel(false);
            following = null;
        }
    }

    /** Reads every model service {@code routes} gives, every {@code period}, into a table. */
    public synchronized void watchFleet(Supplier<List<TrafficReader.RouteRef>> routes, Duration period, Consumer<Table> tables) {
        if (fleet != null) {
            fleet.cancel(false);
        }
        FleetReader reader = new FleetReader(routes, tables);
        fleet = fleetTicks.scheduleWithFixedDelay(() -> guarded(reader::tick), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stopFleet() {
        if (fleet != null) {
            fleet.cancel(false);
            fleet = null;
        }
    }

    /** A tick that fails must not end the schedule: it is logged, and the next tick tries again. */
    private static void guarded(Runnable tick) {
        try {
            tick.run();
        } catch (RuntimeException e) {
            LOG.warn("a traffic read failed: {}", e.toString());
        }
    }

    /** The context's Prometheus, found once (looked for again every 30 s while there is none). */
    private synchronized PrometheusChoice prometheus() {
        long now = System.nanoTime();
        if (prometheus == null || (prometheus.client().isEmpty() && now - locatedAt > LOOK_AGAIN.toNanos())) {
            try {
                prometheus = locate.get();
            } catch (RuntimeException e) {
                prometheus = PrometheusChoice.none("no Prometheus: looking for one failed (" + e.getMessage() + ")");
            }
            locatedAt = now;
        }
        return prometheus;
    }

    private String prometheusWords(PrometheusChoice choice) {
        return choice.client().map(client -> "Prometheus at " + client.where() + " (" + choice.how() + ")").orElse(choice.how());
    }

    private TrafficReader reader(PrometheusChoice choice, TrafficReader current) {
        if (choice.client().isEmpty()) {
            return null;
        }
        return current != null && current.prometheus() == choice.client().get() ? current : new TrafficReader(choice.client().get(), window);
    }

    /** The followed model service's state: its history, and its recent direct reads. */
    private final class Follower {
        private final TrafficReader.RouteRef route;
        private final Consumer<Frame> frames;
        private final TrafficHistory history = new TrafficHistory();
        private final ArrayDeque<DirectTraffic.Scrape> scrapes = new ArrayDeque<>();
        private TrafficReader reader;
        private boolean backfilled;

        Follower(TrafficReader.RouteRef route, Consumer<Frame> frames) {
            this.route = route;
            this.frames = frames;
        }

        void tick() {
            long second = clock.instant().getEpochSecond();
            Slo slo = Slo.forRoute(route.annotations());
            ServiceTraffic now;
            PrometheusChoice choice = prometheus();
            reader = reader(choice, reader);
            String prometheusProblem = choice.how();
            if (reader != null) {
                if (!backfilled) {
                    backfilled = true;
                    reader.backfill(route, history, second - TrafficHistory.SECONDS + 1, second);
                }
                ServiceTraffic read = reader.read(route);
                if (read.problem().isEmpty()) {
                    now = read;
                    scrapes.clear();
                    finish(second, now, Source.PROMETHEUS, prometheusWords(choice));
                    return;
                }
                prometheusProblem = read.problem();
            }
            try {
                DirectTraffic.Scrape scrape = direct.scrape(route);
                scrapes.addLast(scrape);
                while (scrapes.size() > 2 && scrape.nanos() - scrapes.getFirst().nanos() > directWindow.toNanos()) {
                    scrapes.removeFirst();
                }
                now = new ServiceTraffic(route.namespace(), route.model(), route.route(), slo, scrapes.size() < 2 ? List.of()
                        : DirectTraffic.between(scrapes.getFirst(), scrapes.getLast(), slo), ServiceTraffic.DIRECT, "");
                finish(second, now, Source.DIRECT, "Prometheus not used: " + prometheusProblem);
            } catch (MetricsException e) {
                scrapes.clear();
                now = new ServiceTraffic(route.namespace(), route.model(), route.route(), slo, List.of(), ServiceTraffic.DIRECT,
                        e.getMessage());
                finish(second, now, Source.NONE, "Prometheus not used: " + prometheusProblem + ". Direct scraping failed too: "
                        + e.getMessage());
            }
        }

        private void finish(long second, ServiceTraffic now, Source source, String why) {
            now.backends().forEach(backend -> history.put(second, backend));
            frames.accept(new Frame(route, now, history.snapshot(second), source, why));
        }
    }

    /** The fleet's table: Prometheus per model service, direct reads (against the previous tick's) when it fails. */
    private final class FleetReader {
        private final Supplier<List<TrafficReader.RouteRef>> routes;
        private final Consumer<Table> tables;
        private final Map<TrafficReader.RouteRef, DirectTraffic.Scrape> previous = new HashMap<>();
        private TrafficReader reader;

        FleetReader(Supplier<List<TrafficReader.RouteRef>> routes, Consumer<Table> tables) {
            this.routes = routes;
            this.tables = tables;
        }

        void tick() {
            List<TrafficReader.RouteRef> all = routes.get();
            PrometheusChoice choice = prometheus();
            TrafficReader reader = this.reader = reader(choice, this.reader);
            List<CompletableFuture<ServiceTraffic>> reads = new ArrayList<>();
            for (TrafficReader.RouteRef route : all) {
                reads.add(CompletableFuture.supplyAsync(() -> reader == null ? null : reader.read(route), Thread::startVirtualThread));
            }
            List<ServiceTraffic> services = new ArrayList<>();
            String problem = reader == null ? choice.how() : "";
            List<CompletableFuture<ServiceTraffic>> directReads = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                ServiceTraffic read = reads.get(i).join();
                if (read != null && read.problem().isEmpty()) {
                    services.add(read);
                    continue;
                }
                if (read != null) {
                    problem = read.problem();
                }
                TrafficReader.RouteRef route = all.get(i);
                directReads.add(CompletableFuture.supplyAsync(() -> directly(route), Thread::startVirtualThread));
            }
            directReads.forEach(read -> services.add(read.join()));
            previous.keySet().retainAll(all);
            services.sort(ServiceTraffic.BY_BURN);
            Source source = directReads.isEmpty() ? Source.PROMETHEUS : Source.DIRECT;
            tables.accept(new Table(services, source, source == Source.PROMETHEUS ? prometheusWords(choice) : "Prometheus not used: " + problem));
        }

        private ServiceTraffic directly(TrafficReader.RouteRef route) {
            Slo slo = Slo.forRoute(route.annotations());
            try {
                DirectTraffic.Scrape scrape = direct.scrape(route);
                DirectTraffic.Scrape before;
                synchronized (previous) {
                    before = previous.put(route, scrape);
                }
                return new ServiceTraffic(route.namespace(), route.model(), route.route(), slo,
                        before == null ? List.of() : DirectTraffic.between(before, scrape, slo), ServiceTraffic.DIRECT, "");
            } catch (MetricsException e) {
                return new ServiceTraffic(route.namespace(), route.model(), route.route(), slo, List.of(), ServiceTraffic.DIRECT,
                        e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        fleetTicks.shutdownNow();
    }
}
