package dev.pitwall.guard;

import java.util.List;

import dev.pitwall.ops.OperationKind;

/**
 * Decides, before anything is offered or sent, whether an operator may run an operation and how
 * they must confirm it. Several policies may apply (the shipped or local one, and one found in the
 * cluster); where they differ the stricter wins: the lower role, the stricter environment, the
 * higher least role, the more deliberate confirmation. Kubernetes RBAC has the last word: a
 * request the identity may not make disables the operation with that reason.
 */
public final class Guard {

    private final List<Policy> policies;

    public Guard(List<Policy> policies) {
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("at least one policy");
        }
        this.policies = List.copyOf(policies);
    }

    public List<Policy> policies() {
        return policies;
    }

    public Role roleOf(Identity identity) {
        return policies.stream().map(policy -> policy.roleOf(identity)).min(Enum::compareTo).orElseThrow();
    }

    public String environmentOf(String context) {
        return policies.stream().map(policy -> policy.environmentOf(context))
                .max((a, b) -> Integer.compare(Policy.strictness(a), Policy.strictness(b))).orElseThrow();
    }

    /**
     * @param rbacDenials what Kubernetes RBAC refuses of the operation's requests, each as
     *                    "patch deployments in models"; empty when everything is allowed
     */
    public Decision decide(OperationKind kind, String context, Identity identity, List<String> rbacDenials) {
        Role role = roleOf(identity);
        String environment = environmentOf(context);
        Role needed = Role.VIEWER;
        Confirmation confirmation = Confirmation.NONE;
        for (Policy policy : policies) {
            Policy.OperationRule rule = policy.operations().get(kind);
            if (rule == null) {
                return new Decision(false, kind.id() + " is not allowed by the policy " + policy.source()
                        + " (it has no rule for it)", role, environment, Confirmation.TWO_PERSON);
            }
            needed = rule.role().atLeast(needed) ? rule.role() : needed;
            confirmation = confirmation.stricter(rule.confirmationIn(environment));
        }
        if (!role.atLeast(needed)) {
            return new Decision(false, identity.user() + " is a " + role.id() + "; " + kind.id() + " in " + environment
                    + " needs the role " + needed.id() + " (policy " + sources() + ")", role, environment, confirmation);
        }
        if (!rbacDenials.isEmpty()) {
            return new Decision(false, "Kubernetes RBAC does not allow " + identity.user() + " to "
                    + String.join(", ", rbacDenials), role, environment, confirmation);
        }
        return new Decision(true, "", role, environment, confirmation);
    }

    /**
     * Whether Pitwall may run a recommended {@code kind} plan by itself in the context's
     * environment: only when every policy says so there (off by default).
     */
    public boolean automatic(OperationKind kind, String context) {
        String environment = environmentOf(context);
        return policies.stream().allMatch(policy -> policy.operations().get(kind) != null
                && policy.operations().get(kind).automaticIn(environment));
    }

    /**
     * Null when an operation touching {@code touched} of a Deployment's {@code total} pods stays
     * within every policy's blast radius in the context's environment; else why not.
     */
    public String blastRadiusRefusal(OperationKind kind, String context, int touched, int total) {
        String environment = environmentOf(context);
        for (Policy policy : policies) {
            Policy.OperationRule rule = policy.operations().get(kind);
            if (rule == null) {
                continue;
            }
            int limit = rule.limitIn(environment, total);
            if (touched > limit) {
                return kind.id() + " in " + environment + " may touch at most " + limit + " of the " + total + " pods (blast radius of"
                        + " the policy " + policy.source() + "); this plan touches " + touched;
            }
        }
        return null;
    }

    /**
     * Whether {@code approver} may approve {@code requester}'s request for {@code kind}: someone
     * else, with at least the role every policy asks of approvers. Null when they may; else why not.
     */
    public String approvalRefusal(OperationKind kind, Identity approver, String requester) {
        if (approver.user().equals(requester)) {
            return approver.user() + " cannot approve their own request: a second person must";
        }
        Role needed = Role.VIEWER;
        for (Policy policy : policies) {
            Policy.OperationRule rule = policy.operations().get(kind);
            Role asked = rule == null ? Role.LEAD : rule.approver();
            needed = asked.atLeast(needed) ? asked : needed;
        }
        Role role = roleOf(approver);
        return role.atLeast(needed) ? null : approver.user() + " is a " + role.id() + "; approving " + kind.id() + " needs the role "
                + needed.id() + " (policy " + sources() + ")";
    }

    private String sources() {
        return String.join(" and ", policies.stream().map(Policy::source).toList());
    }
}
