package dev.pitwall.app.ops;

import java.util.ArrayList;
import java.util.List;

import dev.pitwall.ops.Plan;
import dev.pitwall.ops.Planner;
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
}
