package dev.pitwall.sandbox.rbac;

import java.util.List;

/** Who is asking: a user name and its groups, as Kubernetes authenticators produce them. */
public record UserInfo(String name, List<String> groups) {

    public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", List.of("system:unauthenticated"));

    public UserInfo {
        groups = List.copyOf(groups);
    }

    public boolean isSuperuser() {
        return groups.contains("system:masters");
    }
}
