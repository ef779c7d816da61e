package dev.pitwall.architecture.violations.sandbox;

import dev.pitwall.architecture.violations.ui.UiUsingFabric8;

/** Violates "the sandbox knows nothing of the console". */
public class SandboxUsingTheConsole {
    public UiUsingFabric8 view() {
        return new UiUsingFabric8();
    }
}
