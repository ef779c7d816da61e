package dev.pitwall.fleet;

import java.time.Instant;

/**
 * How Pitwall's view of one context stands.
 *
 * @param context the kubeconfig context
 * @param status  connecting, live, stale (a watch is down: what is shown may be out of date) or failed
 * @param detail  a sentence for the operator (what is wrong and what Pitwall is doing about it)
 * @param since   when the status began
 */
public record Connection(String context, Status status, String detail, Instant since) {

    public enum Status { CONNECTING, LIVE, STALE, FAILED }

    public boolean stale() {
        return status != Status.LIVE;
    }
}
