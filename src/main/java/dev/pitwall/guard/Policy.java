package dev.pitwall.guard;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.pitwall.ops.OperationKind;

/**
 * A role policy (docs/policy.md): who has which role, which contexts are which environment, and
 * per operation the least role and, per environment, the confirmation it needs.
 *
 * @param source       where it was read from, for messages
 * @param roles        role bindings; an identity gets the highest role any binding gives it, else viewer
 * @param environments environments in order; a context is in the first whose patterns match its name
 * @param operations   per operation its rule; an operation without one is not allowed
 */
public record Policy(String source, List<RoleBinding> roles, List<EnvironmentRule> environments,
                     Map<OperationKind, OperationRule> operations) {

    /** The environments from the least to the most strict; one not listed counts as development. */
    public static final List<String> STRICTNESS = List.of("development", "staging", "production");

    public record RoleBinding(Role role, List<String> users, List<String> groups) {
    }

    /** @param contexts glob patterns over context names ({@code *prod*}) */
    public record EnvironmentRule(String name, List<String> contexts) {
        boolean matches(String context) {
            return contexts.stream().anyMatch(pattern ->
                    FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(context)));
        }
    }

    /**
     * @param role     the least role that may run the operation
     * @param confirm  per environment name the confirmation, "*" for any other
     * @param approver    where a second person must approve: the least role they must have
     * @param blastRadius kill-pods: per environment ("*" for any other) the most pods one operation
     *                    may kill, a number ("3") or a share of the Deployment's pods ("25%"); none: no limit
     * @param automatic   failover: per environment ("*" for any other) whether Pitwall may run a
     *                    recommended plan without a human; off where not given
     */
    public record OperationRule(Role role, Map<String, Confirmation> confirm, Role approver, Map<String, String> blastRadius,
                                Map<String, Boolean> automatic) {

        public OperationRule(Role role, Map<String, Confirmation> confirm, Role approver, Map<String, String> blastRadius) {
            this(role, confirm, approver, blastRadius, Map.of());
        }

        /** Whether this rule lets a recommended plan run without a human in {@code environment}. */
        boolean automaticIn(String environment) {
            return automatic.getOrDefault(environment, automatic.getOrDefault("*", false));
        }

        /** The most of {@code total} pods one operation may touch in {@code environment}; total when no limit. */
        int limitIn(String environment, int total) {
            String limit = blastRadius.getOrDefault(environment, blastRadius.get("*"));
            if (limit == null) {
                return total;
            }
            return limit.endsWith("%") ? (int) Math.floor(total * Integer.parseInt(limit.substring(0, limit.length() - 1)) / 100.0)
                    : Integer.parseInt(limit);
        }

        Confirmation confirmationIn(String environment) {
            return confirm.getOrDefault(environment, confirm.getOrDefault("*", Confirmation.TWO_PERSON));
        }
    }

    public Role roleOf(Identity identity) {
        Role role = Role.VIEWER;
        for (RoleBinding binding : roles) {
            if (binding.users().contains(identity.user()) || identity.groups().stream().anyMatch(binding.groups()::contains)) {
                role = binding.role().atLeast(role) ? binding.role() : role;
            }
        }
        return role;
    }

    public String environmentOf(String context) {
        return environments.stream().filter(rule -> rule.matches(context)).map(EnvironmentRule::name).findFirst()
                .orElse("development");
    }

    static int strictness(String environment) {
        return Math.max(0, STRICTNESS.indexOf(environment));
    }
}
