package dev.pitwall.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * An operation as the operator sees it before confirming: its steps, the objects it touches, its
 * risk tier, and what the server's dry run said of each request. The digest identifies the plan's
 * content (kind, target, steps): an approval or a resumed run is for this digest only.
 *
 * @param id      the operation's id, unique per run
 * @param kind    what it is
 * @param target  what it acts on
 * @param summary one sentence
 * @param steps   in order
 * @param touches the objects it changes, "Kind namespace/name"
 * @param risk    its risk tier
 * @param dryRun  the dry run's answer per request ("" before the dry run)
 * @param checks  the pre-flight checks, as the operator reads them (failover: the standby's ready
 *                replicas, its capacity against the load, PDBs, the Lease); empty when none
 */
public record Plan(String id, OperationKind kind, Target target, String summary, List<Step> steps, List<String> touches,
                   Risk risk, List<String> dryRun, List<String> checks) {

    /** How much an operation can hurt when it goes wrong. */
    public enum Risk {
        /** Changes nothing that serves traffic (pause). */
        LOW,
        /** Replaces pods gradually within the Deployment's surge and unavailability limits. */
        MEDIUM,
        /** Removes capacity at once, or brings back an older version. */
        HIGH
    }

    public Plan {
        steps = List.copyOf(steps);
        touches = List.copyOf(touches);
        dryRun = List.copyOf(dryRun);
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public Plan withDryRun(List<String> answers) {
        return new Plan(id, kind, target, summary, steps, touches, risk, answers, checks);
    }

    /** What a "type the name" confirmation asks for: the model service for failover and failback, else the Deployment. */
    public String confirmName() {
        return kind.movesTraffic() ? target.model() : target.deployment();
    }

    /** SHA-256 over what the plan does (not its id or dry run). */
    public String digest() {
        StringBuilder text = new StringBuilder(kind.id()).append('\n').append(target).append('\n');
        steps.forEach(step -> text.append(step.description()).append('|').append(step.waitFor()).append('|')
                .append(step.request() == null ? "" : step.request().describe() + " " + step.request().body())
                .append(step.traffic() == null ? "" : "|" + step.traffic()).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many pods a kill-pods plan kills (one request each). */
    public int podsKilled() {
        return kind == OperationKind.KILL_PODS ? requests().size() : 0;
    }

    public List<KubeRequest> requests() {
        return steps.stream().filter(Step::sends).map(Step::request).toList();
    }
}
