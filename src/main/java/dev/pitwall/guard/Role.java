package dev.pitwall.guard;

import java.util.Locale;

/** An operator's role in Pitwall, from the policy: each one may do what the one before may, and more. */
public enum Role {
    VIEWER, OPERATOR, LEAD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }
}
