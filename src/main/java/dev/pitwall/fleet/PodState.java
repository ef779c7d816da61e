package dev.pitwall.fleet;

/** A pod as an operator sees it at a glance: the colour of its cell on the fleet map. */
public enum PodState {
    /** Not yet scheduled, or its container is being created. */
    PENDING,
    /** Running, model still loading: not Ready. */
    STARTING,
    /** Ready: serving. */
    READY,
    /** Being deleted. */
    TERMINATING,
    /** Crashing (CrashLoopBackOff), or failed. */
    FAILED
}
