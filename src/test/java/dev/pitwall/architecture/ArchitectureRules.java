package dev.pitwall.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * Pitwall's architecture rules, each written for a root package so that the same rule is checked
 * on the production code ({@code dev.pitwall}) and shown to fail on violating classes in the test
 * sources ({@code dev.pitwall.architecture.violations}).
 */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** JavaFX is the UI's business: only {@code ui} and {@code app} (the wiring) may touch it. */
    static ArchRule javaFxOnlyInUiAndApp(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages(root + ".ui..", root + ".app..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .as("no JavaFX outside " + root + ".ui and " + root + ".app")
                .allowEmptyShould(true);
    }

    /** The domain stands alone: no other Pitwall package, no fabric8, no JavaFX. */
    static ArchRule fleetIsPureDomain(String root) {
        return noClasses().that().resideInAPackage(root + ".fleet..")
                .should().dependOnClassesThat(resideInAnyPackage("javafx..", "io.fabric8..")
                        .or(resideInAPackage(root + "..").and(not(resideInAPackage(root + ".fleet..")))))
                .as(root + ".fleet depends on no other Pitwall package, no fabric8 and no JavaFX")
                .allowEmptyShould(true);
    }

    /**
     * Pitwall is a pure client: nothing but the wiring in {@code app} knows the sandbox exists, so
     * views, operations and drills cannot tell it from a real cluster.
     */
    static ArchRule onlyTheWiringKnowsTheSandbox(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages(root + ".sandbox..", root + ".app..")
                .should().dependOnClassesThat().resideInAPackage(root + ".sandbox..")
                .as("only " + root + ".app uses " + root + ".sandbox")
                .allowEmptyShould(true);
    }

    /** The sandbox is a cluster: it knows nothing of the console that connects to it. */
    static ArchRule sandboxKnowsNothingOfTheConsole(String root) {
        return noClasses().that().resideInAPackage(root + ".sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".ui..", root + ".app..", root + ".kube..")
                .as(root + ".sandbox depends on no console package")
                .allowEmptyShould(true);
    }

    /** Views and view-models read Pitwall's own types; the Kubernetes client stays in kube. */
    static ArchRule uiNeverUsesFabric8(String root) {
        return noClasses().that().resideInAPackage(root + ".ui..")
                .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
                .as(root + ".ui never uses the fabric8 Kubernetes client or its model")
                .allowEmptyShould(true);
    }

    /** The fabric8 calls that change a cluster. */
    private static final java.util.Set<String> MUTATING = java.util.Set.of("create", "createOr", "createOrReplace", "update",
            "updateStatus", "patch", "patchStatus", "edit", "editStatus", "replace", "replaceStatus", "delete", "evict",
            "serverSideApply", "scale", "rolling", "restart", "undo", "pause", "resume", "updateImage", "apply");

    /**
     * One writer: only {@code kube.write} sends requests that change a cluster (the sandbox is the
     * cluster itself; {@code kube.review} asks questions the API server answers without storing).
     */
    static ArchRule onlyTheWriterSendsMutatingRequests(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages(root + ".kube.write..", root + ".kube.review..", root + ".sandbox..")
                .should().callMethodWhere(new com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaMethodCall>(
                        "a fabric8 call that changes the cluster") {
                    @Override
                    public boolean test(com.tngtech.archunit.core.domain.JavaMethodCall call) {
                        return call.getTargetOwner().getPackageName().startsWith("io.fabric8.kubernetes.client")
                                && MUTATING.contains(call.getName());
                    }
                })
                .as("only " + root + ".kube.write sends mutating requests")
                .allowEmptyShould(true);
    }

    /** The writer is the operations executor's alone: it runs after the guard and the journal. */
    static ArchRule onlyOperationsUseTheWriter(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages(root + ".ops..", root + ".kube.write..")
                .should().dependOnClassesThat().resideInAPackage(root + ".kube.write..")
                .as("only " + root + ".ops uses " + root + ".kube.write")
                .allowEmptyShould(true);
    }
}
