package dev.pitwall.sandbox.store;

import java.util.concurrent.ThreadLocalRandom;

/** Kubernetes-style random name suffixes: five characters without vowels or look-alikes. */
public final class RandomNames {

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private RandomNames() {
    }

    public static String suffix() {
        StringBuilder builder = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            builder.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return builder.toString();
    }
}
