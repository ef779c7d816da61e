package dev.pitwall.guard;

import java.util.Locale;

/** How an operator confirms an operation, from the least to the most deliberate. */
public enum Confirmation {
    /** Runs as soon as it is asked for. */
    NONE,
    /** One click on the plan, or --confirm on the command line. */
    CLICK,
    /** The target's name typed, or given as --confirm NAME. */
    TYPE_NAME,
    /** An approval by a second person with the role the policy asks for. */
    TWO_PERSON;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Confirmation of(String id) {
        for (Confirmation confirmation : values()) {
            if (confirmation.id().equals(id)) {
                return confirmation;
            }
        }
        throw new IllegalArgumentException("unknown confirmation '" + id + "'; known: none, click, type-name, two-person");
    }

    public Confirmation stricter(Confirmation other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
