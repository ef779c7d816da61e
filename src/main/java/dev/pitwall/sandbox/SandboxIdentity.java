package dev.pitwall.sandbox;

import java.util.List;

import dev.pitwall.sandbox.rbac.UserInfo;

/** The identities the sandbox authenticates; each gets a context in the sandbox's kubeconfig. */
public enum SandboxIdentity {
    VIEWER("viewer", List.of("pitwall:viewers")),
    OPERATOR("operator", List.of("pitwall:operators")),
    LEAD("lead", List.of("pitwall:leads", "pitwall:operators")),
    /** The sandbox's own controllers: a superuser, as kube-controller-manager effectively is. */
    CONTROLLERS("system:sandbox-controllers", List.of("system:masters"));

    private final String userName;
    private final List<String> groups;

    SandboxIdentity(String userName, List<String> groups) {
        this.userName = userName;
        this.groups = groups;
    }

    public String userName() {
        return userName;
    }

    public UserInfo userInfo() {
        return new UserInfo(userName, groups);
    }

    /** The identities an operator uses (the controllers' own is not in the kubeconfig). */
    public static List<SandboxIdentity> people() {
        return List.of(VIEWER, OPERATOR, LEAD);
    }
}
