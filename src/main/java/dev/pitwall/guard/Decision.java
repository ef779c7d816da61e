package dev.pitwall.guard;

/**
 * What the guard says of one operation for one operator.
 *
 * @param allowed      whether it may be offered at all
 * @param reason       why not, as a sentence naming what to do; empty when allowed
 * @param role         the operator's role
 * @param environment  the context's environment
 * @param confirmation what the operator must do to confirm it
 */
public record Decision(boolean allowed, String reason, Role role, String environment, Confirmation confirmation) {
}
