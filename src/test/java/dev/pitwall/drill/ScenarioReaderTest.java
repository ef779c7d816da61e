package dev.pitwall.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario files: the shipped drills are valid; each broken file in testdata gets an error naming
 * its file, line and field; the published JSON Schema names the same fields the reader takes.
 */
class ScenarioReaderTest {

    private static Path testdata(String name) throws Exception {
        return Path.of(ScenarioReaderTest.class.getResource("testdata/" + name).toURI());
    }

    @Test
    void theShippedDrillsAreValid() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("app", "drills"))) {
            List<Path> drills = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
            assertTrue(drills.size() >= 3, "shipped drills: " + drills);
            for (Path file : drills) {
                Scenario scenario = ScenarioReader.read(file);
                assertEquals(file.getFileName().toString(), scenario.name() + ".yaml", "a drill's file is named after it");
                assertTrue(!scenario.hypothesis().isEmpty() && !scenario.method().isEmpty(), file.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            typo-field.yaml              | 9  | field 'hypotesis': expected one of the fields abort, blastRadius, description, hypothesis, method, name, rollbacks, target (not 'hypotesis')
            bad-count.yaml               | 11 | field 'method[1].killPods.count': expected a whole number from 1 to 10000, found 'two'
            unknown-step.yaml            | 8  | field 'method[0].nuke': expected one step of assert, failback, failover, killPods, load, restart, scale, wait, found 'nuke'
            assert-unknown-probe.yaml    | 8  | field 'method[0].assert.probe': expected the name of a hypothesis probe (up), found 'down'
            outside-blast-radius.yaml    | 9  | field 'method[1].failover': expected an operation the blastRadius declares (restart), found 'failover'
            probe-without-threshold.yaml | 4  | field 'hypothesis[0].above': expected a threshold: above, below, or both, found 'up'
            stages-not-rising.yaml       | 10 | field 'method[0].failback.stages[1]': expected rising percentages from 1 to 100, found 10
            load-over-blast-radius.yaml  | 9  | field 'method[1].load.upTo': expected at most the 500 requests/s that blastRadius.loadRps declares, found '900'
            load-rate-and-ramp.yaml      | 8  | field 'method[0].load': expected either rps (with seconds) or rampFrom (a rising load until it fails), found {"model":"fraud-detector","rps":100,"rampFrom":50}
            """)
    void eachBrokenScenarioIsNamedByFileLineAndField(String file, int line, String message) throws Exception {
        Path path = testdata(file);
        ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioReader.read(path));
        assertEquals(path + ":" + line + ": " + message + ". See docs/drills.md for the format.", error.getMessage());
    }

    @Test
    void aYamlSyntaxErrorIsNamedByLineAndColumn() throws Exception {
        Path path = testdata("syntax.yaml");
        ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioReader.read(path));
        assertTrue(error.getMessage().matches(java.util.regex.Pattern.quote(path.toString()) + ":[0-9]+: not valid YAML \\(line [0-9]+, column [0-9]+\\)"),
                error.getMessage());
    }

    @Test
    void thePublishedSchemaNamesTheFieldsTheReaderTakes() throws Exception {
        JsonNode schema = JsonMapper.builder().build().readTree(Files.readString(Path.of("docs", "drill-scenario.schema.json")));
        JsonNode steps = schema.path("$defs").path("step").path("properties");
        Set<String> kinds = new TreeSet<>(steps.propertyNames());
        kinds.remove("parallel");
        assertEquals(new TreeSet<>(ScenarioReader.STEP_FIELDS.keySet()), kinds);
        for (String kind : kinds) {
            assertEquals(new TreeSet<>(ScenarioReader.STEP_FIELDS.get(kind)), new TreeSet<>(steps.path(kind).path("properties").propertyNames()),
                    kind);
            assertEquals(new TreeSet<>(ScenarioReader.STEP_NEEDS.get(kind)), new TreeSet<>(steps.path(kind).path("required").valueStream()
                    .map(JsonNode::asString).toList()), kind);
        }
        assertEquals(new TreeSet<>(ScenarioReader.OPERATIONS), new TreeSet<>(schema.path("properties").path("blastRadius").path("properties")
                .path("operations").path("items").path("enum").valueStream().map(JsonNode::asString).toList()));
    }
}
