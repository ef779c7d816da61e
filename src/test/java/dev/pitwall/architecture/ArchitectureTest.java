package dev.pitwall.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules hold on Pitwall's production code, and each one fails on the violating classes kept
 * under {@code violations} in the test sources, so a rule that silently matches nothing is caught.
 */
class ArchitectureTest {

    private static final String PRODUCTION = "dev.pitwall";
    private static final String VIOLATIONS = "dev.pitwall.architecture.violations";

    private static final JavaClasses PRODUCTION_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(PRODUCTION);
    private static final JavaClasses VIOLATING_CLASSES = new ClassFileImporter().importPackages(VIOLATIONS);

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("javaFxOnlyInUiAndApp", (Function<String, ArchRule>) ArchitectureRules::javaFxOnlyInUiAndApp,
                        List.of("violations.kube.KubeUsingJavaFx", "violations.fleet.FleetUsingJavaFx")),
                Arguments.of("fleetIsPureDomain", (Function<String, ArchRule>) ArchitectureRules::fleetIsPureDomain,
                        List.of("violations.fleet.FleetUsingJavaFx", "violations.fleet.FleetUsingFabric8",
                                "violations.fleet.FleetUsingKube")),
                Arguments.of("uiNeverUsesFabric8", (Function<String, ArchRule>) ArchitectureRules::uiNeverUsesFabric8,
                        List.of("violations.ui.UiUsingFabric8")),
                Arguments.of("onlyTheWiringKnowsTheSandbox",
                        (Function<String, ArchRule>) ArchitectureRules::onlyTheWiringKnowsTheSandbox,
                        List.of("violations.ui.UiUsingTheSandbox")),
                Arguments.of("sandboxKnowsNothingOfTheConsole",
                        (Function<String, ArchRule>) ArchitectureRules::sandboxKnowsNothingOfTheConsole,
                        List.of("violations.sandbox.SandboxUsingTheConsole")),
                Arguments.of("onlyTheWriterSendsMutatingRequests",
                        (Function<String, ArchRule>) ArchitectureRules::onlyTheWriterSendsMutatingRequests,
                        List.of("violations.kube.KubeDeletingAPod")),
                Arguments.of("onlyOperationsUseTheWriter",
                        (Function<String, ArchRule>) ArchitectureRules::onlyOperationsUseTheWriter,
                        List.of("violations.ui.UiUsingTheWriter")));
    }

    @ParameterizedTest(name = "{0} holds on the production code")
    @MethodSource("rules")
    void holdsOnProductionCode(String name, Function<String, ArchRule> rule, List<String> ignored) {
        assertFalse(PRODUCTION_CLASSES.isEmpty(), "production classes were imported");
        rule.apply(PRODUCTION).check(PRODUCTION_CLASSES);
    }

    @ParameterizedTest(name = "{0} fails on a violating class")
    @MethodSource("rules")
    void failsOnViolatingClasses(String name, Function<String, ArchRule> rule, List<String> violators) {
        EvaluationResult result = rule.apply(VIOLATIONS).evaluate(VIOLATING_CLASSES);

        assertTrue(result.hasViolation(), name + " must fail on its violating classes");
        String report = String.join("\n", result.getFailureReport().getDetails());
        for (String violator : violators) {
            assertTrue(report.contains("dev.pitwall.architecture." + violator), name + " names " + violator + ":\n" + report);
        }
    }
}
