package dev.pitwall.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pitwall.fleet.ModelService;
import dev.pitwall.fleet.Rollout;
import dev.pitwall.fleet.Track;
import dev.pitwall.metrics.BackendTraffic;
import dev.pitwall.metrics.ServiceTraffic;
import dev.pitwall.metrics.Slo;

/** When a failover is recommended: a breach that lasts, on a service that has a standby to take the traffic. */
class FailoverAdvisorTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static ModelService service(int primaryWeight, int standbyWeight) {
        Rollout done = new Rollout("successfully rolled out", true, false, 1, List.of());
        return new ModelService("models", "scorer", List.of(
                new Track("primary", "scorer-primary", "1.0", 2, 2, 2, 2, primaryWeight, done, 2, 1),
                new Track("standby", "scorer-standby", "1.0", 1, 1, 1, 1, standbyWeight, done, 1, 1)), "scorer", Map.of());
    }

    private static ServiceTraffic traffic(double errorRatio) {
        Slo slo = Slo.DEFAULT;
        return new ServiceTraffic("models", "scorer", "scorer", slo, List.of(
                new BackendTraffic("scorer-primary", 280, errorRatio, 0.02, 0.06, slo.burn(errorRatio, 0.06)),
                new BackendTraffic("scorer-standby", 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN)), ServiceTraffic.DIRECT, "");
    }

    @Test
    void aBreachIsRecommendedOnlyOnceItHasLastedAndAHealthyFrameStartsTheClockAgain() {
        FailoverAdvisor advisor = new FailoverAdvisor(Duration.ofSeconds(30));
        ModelService service = service(100, 0);
        assertTrue(advisor.offer(service, traffic(0.2), T0).isEmpty());
        assertTrue(advisor.offer(service, traffic(0.2), T0.plusSeconds(29)).isEmpty());
        var advice = advisor.offer(service, traffic(0.2), T0.plusSeconds(30)).orElseThrow();
        assertEquals("scorer-primary", advice.backend());
        assertTrue(advice.describe().contains("fail scorer over to its standby"), advice.describe());
        assertTrue(advice.describe().contains("errors 20.00 % against a budget of 0.10 %"), advice.describe());

        assertTrue(advisor.offer(service, traffic(0), T0.plusSeconds(31)).isEmpty(), "within the objective again");
        assertTrue(advisor.offer(service, traffic(0.2), T0.plusSeconds(32)).isEmpty(), "the clock started again");
    }

    @Test
    void nothingIsRecommendedWithoutFiguresOrWithoutAStandbyToTakeTheTraffic() {
        FailoverAdvisor advisor = new FailoverAdvisor(Duration.ofSeconds(10));
        assertTrue(advisor.offer(service(100, 0), traffic(0.5), T0).isEmpty());
        assertTrue(advisor.offer(service(100, 0), null, T0.plusSeconds(20)).isEmpty(), "no figures: no recommendation");
        assertTrue(advisor.offer(service(100, 0), traffic(0.5), T0.plusSeconds(21)).isPresent(), "the breach went on meanwhile");
        assertTrue(advisor.offer(service(0, 100), traffic(0.5), T0.plusSeconds(40)).isEmpty(), "already on the standby");
    }
}
