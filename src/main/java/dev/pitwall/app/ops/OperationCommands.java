package dev.pitwall.app.ops;

import java.util.ArrayList;
import java.util.List;

import dev.pitwall.ops.Plan;
import dev.pitwall.ops.Planner;
import dev.pitwall.ops.TrafficPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The operation commands, one per operation; what they share is in {@link OperationCommand}. */
public final class OperationCommands {

    private OperationCommands() {
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Rolling restart of a Deployment, as kubectl rollout restart, with live progress.")
    public static final class Restart extends OperationCommand {
        @Override
        Plan plan(Planner planner, String namespace, String name) {
            return planner.restart(namespace, name);
        }
    }

    @Command(name = "scale", mixinStandardHelpOptions = true, description = "Scale a Deployment and wait for its replicas.")
    public static final class Scale extends OperationCommand {
        @Option(names = "--replicas", required = true, description = "The number of replicas.")
        int replicas;

        @Override
        Plan plan(Planner planner, String namespace, String name) {
            return planner.scale(namespace, name, replicas);
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a Deployment's rollout.")
    public static final class Pause extends OperationCommand {
        @Override
        Plan plan(Planner planner, String namespace, String name) {
            return planner.pause(namespace, name);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused rollout and wait for it.")
    public static final class Resume extends OperationCommand {
        @Override
        Plan plan(Planner planner, String namespace, String name) {
            return planner.resume(namespace, name);
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Back to the previous revision, as kubectl rollout undo, and wait for it.")
    public static final class Rollback extends OperationCommand {
        @Override
        Plan plan(Planner planner, String namespace, String name) {
            return planner.rollback(namespace, name);
        }
    }

    @Command(name = "kill-pods", mixinStandardHelpOptions = true,
            description = "Kill pods of a Deployment by name, selector, count or percentage: delete with grace 0, or evict.")
    public static final class KillPods extends OperationCommand {
        @Option(names = "--pod", description = "A pod to kill, by name (repeatable).")
        List<String> pods = new ArrayList<>();

        @Option(names = "--selector", description = "Only pods matching this label selector.")
        String selector = "";

        @Option(names = "--count", description = "How many pods (default 1).")
        Integer count;

        @Option(names = "--percent", description = "What percentage of the pods, rounded up.")
        Integer percent;

        @Option(names = "--evict", description = "Evict instead of delete, so that PodDisruptionBudgets are respected.")
        boolean evict;

        @Override
        Plan plan(Planner planner, String namespace, String name) {
            return planner.killPods(namespace, name, new Planner.PodSelection(pods, selector, count, percent, evict));
        }
    }

    /** What failover and failback share: the model service's traffic adapter. */
    abstract static class TrafficCommand extends OperationCommand {
        @Option(names = "--adapter", paramLabel = "ADAPTER",
                description = "How the traffic is split: httproute, service-selector or istio (default: found in the cluster).")
        String adapter = "";
    }

    @Command(name = "failover", mixinStandardHelpOptions = true,
            description = {"Move a model service's traffic from its primary track to its standby, verified from the pods' own counters.",
                    "A standby too small for the load is scaled up and waited for first. The recovery time is measured and journaled."})
    public static final class Failover extends TrafficCommand {
        @Option(names = "--steps", paramLabel = "PERCENTS",
                description = "The standby's share after each shift, ending at 100 (default: ${DEFAULT-VALUE}, at once).")
        String steps = "100";

        @Override
        Plan plan(Planner planner, String namespace, String name) {
            return planner.traffic().failover(namespace, name, adapter, TrafficPlanner.stages(steps));
        }
    }

    @Command(name = "failback", mixinStandardHelpOptions = true,
            description = {"Bring a model service's traffic back to its recovered primary in stages, each held for a bake time and",
                    "gated on the primary's objective; a failed gate returns all traffic to the standby and says why."})
    public static final class Failback extends TrafficCommand {
        @Option(names = "--stages", paramLabel = "PERCENTS",
                description = "The primary's share after each stage, ending at 100 (default: ${DEFAULT-VALUE}).")
        String stages = "10,50,100";

        @Option(names = "--at-once", description = "All traffic back in one stage (still held and gated once).")
        boolean atOnce;

        @Option(names = "--bake", paramLabel = "SECONDS", description = "How long each stage is held (default: ${DEFAULT-VALUE}).")
        int bakeSeconds = TrafficPlanner.DEFAULT_BAKE_SECONDS;

        @Override
        Plan plan(Planner planner, String namespace, String name) {
            return planner.traffic().failback(namespace, name, adapter, TrafficPlanner.stages(atOnce ? "100" : stages), bakeSeconds);
        }
    }
}
