package dev.pitwall.guard;

import java.time.Instant;

/**
 * A request for a second person's approval of one plan, kept in the cluster so that the approver
 * can answer from their own Pitwall or the command line.
 *
 * @param id          its id (also in the ConfigMap's name)
 * @param context     the context the plan is for (as the requester names it)
 * @param kind        the operation, "restart"
 * @param target      "namespace/deployment"
 * @param summary     the plan's summary
 * @param planDigest  the digest of the plan approved: only that plan may run on it
 * @param requester   who asked
 * @param expiresAt   after this it approves nothing
 * @param state       pending, approved or denied
 * @param approver    who approved or denied, "" while pending
 * @param reason      why it was denied, "" otherwise
 */
public record Approval(String id, String context, String kind, String target, String summary, String planDigest, String requester,
                       Instant expiresAt, String state, String approver, String reason) {

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean pending() {
        return state.equals("pending");
    }

    public boolean approved() {
        return state.equals("approved");
    }
}
