package dev.pitwall.ops;

import java.util.Locale;

/** What an operator can do to a cluster; the names are those of the commands and of the policy file. */
public enum OperationKind {
    RESTART, SCALE, PAUSE, RESUME, ROLLBACK, KILL_PODS, FAILOVER, FAILBACK;

    /** Whether it acts on a model service's traffic (its target is the model, not one Deployment). */
    public boolean movesTraffic() {
        return this == FAILOVER || this == FAILBACK;
    }

    /** "kill-pods", as the policy file and the command line spell it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static OperationKind of(String id) {
        for (OperationKind kind : values()) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown operation '" + id + "'; known: restart, scale, pause, resume, rollback, kill-pods, failover, failback");
    }
}
