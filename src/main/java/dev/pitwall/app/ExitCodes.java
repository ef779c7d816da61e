package dev.pitwall.app;

/** Pitwall's exit codes, documented in the README. */
public final class ExitCodes {
    public static final int OK = 0;
    /** An operation ran and failed, or was aborted. */
    public static final int FAILED = 1;
    /** The command line or an input file is wrong. */
    public static final int USAGE = 2;
    /** The environment lacks something (a display, a free port, a program). */
    public static final int UNAVAILABLE = 3;
    /** The guard refused: the role, Kubernetes RBAC, a missing confirmation, or another operator holds the service. */
    public static final int REFUSED = 4;
    /** Pitwall itself failed. */
    public static final int SOFTWARE = 70;

    private ExitCodes() {
    }
}
