package dev.pitwall.architecture.violations.fleet;

/** Violates the pure domain rule, and "no JavaFX outside ui and app". */
public record FleetUsingJavaFx(javafx.beans.property.StringProperty name) {
}
