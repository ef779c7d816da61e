package dev.pitwall.architecture.violations.ui;

import dev.pitwall.architecture.violations.kube.write.Writer;

/** Violates the rule that only operations use the writer: a view sends a request itself. */
public final class UiUsingTheWriter {

    public void restart() {
        new Writer().send("PATCH deployments/x");
    }
}
