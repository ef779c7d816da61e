package dev.pitwall.guard;

import java.util.List;

/** Who Kubernetes says the operator is (SelfSubjectReview): a user name and groups; never a credential. */
public record Identity(String user, List<String> groups) {
    public Identity {
        groups = List.copyOf(groups);
    }
}
