package dev.pitwall.app;

/** Selects JavaFX's Headless platform and software rendering; must run before the toolkit starts. */
final class HeadlessPlatform {

    private HeadlessPlatform() {
    }

    static void enable() {
        System.setProperty("glass.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
    }
}
