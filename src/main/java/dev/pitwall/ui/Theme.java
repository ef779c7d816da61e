package dev.pitwall.ui;

import atlantafx.base.theme.PrimerDark;
import javafx.application.Application;
import javafx.scene.Scene;

import java.util.Objects;

/**
 * Pitwall's look: AtlantaFX's Primer Dark as the base, Pitwall's own looked-up colours and rules
 * from {@code ui/pitwall.css} on top. No colour or font is set in code.
 */
public final class Theme {

    public static final String STYLESHEET = "/ui/pitwall.css";

    private Theme() {
    }

    public static void installUserAgent() {
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
    }

    public static void apply(Scene scene) {
        scene.getStylesheets().add(Objects.requireNonNull(Theme.class.getResource(STYLESHEET),
                STYLESHEET + " missing from the build").toExternalForm());
    }
}
