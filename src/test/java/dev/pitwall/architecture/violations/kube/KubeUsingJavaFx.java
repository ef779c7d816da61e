package dev.pitwall.architecture.violations.kube;

/** Violates "no JavaFX outside ui and app". */
public class KubeUsingJavaFx {
    public javafx.scene.control.Label label() {
        return new javafx.scene.control.Label("not here");
    }
}
