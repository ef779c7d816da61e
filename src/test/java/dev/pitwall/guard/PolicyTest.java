package dev.pitwall.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pitwall.ops.OperationKind;

/** The role policy: what it grants, how two policies combine, and how a broken one is reported. */
class PolicyTest {

    private static final Identity OPERATOR = new Identity("alice", List.of("pitwall:operators", "system:authenticated"));
    private static final Identity LEAD = new Identity("bob", List.of("pitwall:leads"));
    private static final Identity NOBODY = new Identity("eve", List.of("system:authenticated"));

    private static final String LOCAL = """
            roles:
              - {role: operator, groups: ["pitwall:operators"]}
              - {role: lead, groups: ["pitwall:leads"]}
            environments:
              - {name: production, contexts: ["*prod*"]}
            operations:
              restart: {role: operator, confirm: {development: click, production: type-name}}
              kill-pods: {role: operator, confirm: {"*": click}}
            """;

    @Test
    void theShippedPolicyGivesRolesByGroupAndEnvironmentsByContextName() {
        Guard guard = new Guard(List.of(PolicyReader.shipped()));
        assertEquals(Role.OPERATOR, guard.roleOf(OPERATOR));
        assertEquals(Role.LEAD, guard.roleOf(LEAD));
        assertEquals(Role.VIEWER, guard.roleOf(NOBODY));
        assertEquals("production", guard.environmentOf("eks-prod-eu"));
        assertEquals("staging", guard.environmentOf("gke-staging"));
        assertEquals("development", guard.environmentOf("sandbox-operator"));

        Decision production = guard.decide(OperationKind.KILL_PODS, "eks-prod-eu", OPERATOR, List.of());
        assertTrue(production.allowed());
        assertEquals(Confirmation.TWO_PERSON, production.confirmation());
        Decision viewer = guard.decide(OperationKind.RESTART, "sandbox", NOBODY, List.of());
        assertFalse(viewer.allowed());
        assertTrue(viewer.reason().startsWith("eve is a viewer; restart in development needs the role operator"), viewer.reason());
    }

    @Test
    void kubernetesRbacHasTheLastWord() {
        Guard guard = new Guard(List.of(PolicyReader.shipped()));
        Decision decision = guard.decide(OperationKind.RESTART, "dev", OPERATOR, List.of("patch deployments in models"));
        assertFalse(decision.allowed());
        assertEquals("Kubernetes RBAC does not allow alice to patch deployments in models", decision.reason());
    }

    @Test
    void whereTwoPoliciesDifferTheStricterWins() {
        Policy local = PolicyReader.parse("local.yaml", LOCAL);
        Policy cluster = PolicyReader.parse("ConfigMap pitwall-system/pitwall-policy", """
                roles:
                  - {role: lead, groups: ["pitwall:leads"]}
                environments:
                  - {name: production, contexts: ["team-*"]}
                operations:
                  restart: {role: operator, confirm: {"*": type-name}}
                  kill-pods: {role: lead, confirm: {"*": click}, approver: lead}
                """);
        Guard guard = new Guard(List.of(local, cluster));
        // the cluster does not name the operators' group: they are viewers there, and viewers here
        assertEquals(Role.VIEWER, guard.roleOf(OPERATOR));
        assertEquals(Role.LEAD, guard.roleOf(LEAD));
        // "team-a" is production in the cluster's policy, development in the local one
        assertEquals("production", guard.environmentOf("team-a"));
        Decision restart = guard.decide(OperationKind.RESTART, "dev-cluster", LEAD, List.of());
        assertEquals(Confirmation.TYPE_NAME, restart.confirmation(), "click locally, type-name in the cluster");
        Decision scale = guard.decide(OperationKind.SCALE, "dev-cluster", LEAD, List.of());
        assertFalse(scale.allowed(), "an operation one policy has no rule for is not allowed");
        assertTrue(scale.reason().contains("has no rule for it"), scale.reason());
    }

    @Test
    void nobodyApprovesTheirOwnRequestAndApproversNeedThePolicysRole() {
        Guard guard = new Guard(List.of(PolicyReader.shipped()));
        assertEquals("bob cannot approve their own request: a second person must",
                guard.approvalRefusal(OperationKind.KILL_PODS, LEAD, "bob"));
        assertTrue(guard.approvalRefusal(OperationKind.KILL_PODS, OPERATOR, "bob").startsWith("alice is a operator; approving kill-pods"
                + " needs the role lead"));
        assertNull(guard.approvalRefusal(OperationKind.KILL_PODS, LEAD, "alice"));
    }

    @Test
    void aBrokenPolicyIsNamedWithItsFileAndField() {
        var syntax = assertThrows(PolicyReader.PolicyException.class, () -> PolicyReader.parse("team.yaml", "roles: [\n  - {role: x"));
        assertTrue(syntax.getMessage().startsWith("team.yaml: not valid YAML at line "), syntax.getMessage());

        var confirmation = assertThrows(PolicyReader.PolicyException.class, () -> PolicyReader.parse("team.yaml",
                LOCAL.replace("production: type-name", "production: maybe")));
        assertEquals("team.yaml: field 'operations.restart.confirm.production': expected none, click, type-name or two-person."
                + " See docs/policy.md for the format.", confirmation.getMessage());

        var operation = assertThrows(PolicyReader.PolicyException.class, () -> PolicyReader.parse("team.yaml",
                LOCAL.replace("kill-pods:", "nuke:")));
        assertTrue(operation.getMessage().startsWith("team.yaml: field 'operations.nuke': expected an operation"), operation.getMessage());

        var role = assertThrows(PolicyReader.PolicyException.class, () -> PolicyReader.parse("team.yaml",
                LOCAL.replace("{role: lead,", "{role: admin,")));
        assertTrue(role.getMessage().startsWith("team.yaml: field 'roles[1].role': expected viewer, operator or lead, not 'admin'"),
                role.getMessage());
    }

    @Test
    void theShippedBlastRadiusIsAShareOfTheDeploymentsPodsPerEnvironment() {
        Guard guard = new Guard(List.of(PolicyReader.shipped()));
        assertNull(guard.blastRadiusRefusal(OperationKind.KILL_PODS, "sandbox", 4, 4), "development: all");
        assertNull(guard.blastRadiusRefusal(OperationKind.KILL_PODS, "gke-staging", 2, 4));
        assertTrue(guard.blastRadiusRefusal(OperationKind.KILL_PODS, "gke-staging", 3, 4).startsWith(
                "kill-pods in staging may touch at most 2 of the 4 pods"));
        assertTrue(guard.blastRadiusRefusal(OperationKind.KILL_PODS, "eks-prod", 2, 4).contains("at most 1 of the 4 pods"));
        var broken = assertThrows(PolicyReader.PolicyException.class, () -> PolicyReader.parse("team.yaml",
                LOCAL.replace("kill-pods: {role: operator, confirm: {\"*\": click}}",
                        "kill-pods: {role: operator, confirm: {\"*\": click}, blastRadius: {\"*\": \"150%\"}}")));
        assertTrue(broken.getMessage().startsWith("team.yaml: field 'operations.kill-pods.blastRadius.*'"), broken.getMessage());
    }

    @Test
    void failoverRunsWithoutAHumanOnlyWhereEveryPolicySaysSo() {
        Guard shipped = new Guard(List.of(PolicyReader.shipped()));
        assertFalse(shipped.automatic(OperationKind.FAILOVER, "sandbox"), "the shipped policy: nowhere");
        assertEquals(Confirmation.TWO_PERSON, shipped.decide(OperationKind.FAILOVER, "prod-eu", OPERATOR, List.of()).confirmation());
        String automatic = LOCAL + "  failover: {role: operator, confirm: {\"*\": click}, automatic: {development: true}}\n";
        Policy local = PolicyReader.parse("local.yaml", automatic);
        assertTrue(new Guard(List.of(local)).automatic(OperationKind.FAILOVER, "sandbox"));
        assertFalse(new Guard(List.of(local)).automatic(OperationKind.FAILOVER, "prod-eu"), "not given for production: off");
        assertFalse(new Guard(List.of(local, PolicyReader.shipped())).automatic(OperationKind.FAILOVER, "sandbox"),
                "a second policy that says no wins");

        var broken = assertThrows(PolicyReader.PolicyException.class, () -> PolicyReader.parse("team.yaml",
                automatic.replace("development: true", "development: sometimes")));
        assertEquals("team.yaml: field 'operations.failover.automatic.development': expected true or false."
                + " See docs/policy.md for the format.", broken.getMessage());
    }
}
