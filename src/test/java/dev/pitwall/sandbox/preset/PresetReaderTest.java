package dev.pitwall.sandbox.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PresetReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"single-active", "two-active-standby", "three-active"})
    void shippedPresetsAreValidAndMatchTheirTopology(String name) {
        Preset preset = PresetReader.shipped(name);
        assertEquals(name, preset.name());
        for (Preset.Model model : preset.models()) {
            Preset.Track primary = model.tracks().stream().filter(t -> t.name().equals("primary")).findFirst().orElseThrow();
            switch (name) {
                case "single-active" -> assertEquals(1, primary.replicas());
                case "two-active-standby" -> {
                    assertEquals(2, primary.replicas());
                    Preset.Track standby = model.tracks().stream().filter(t -> t.name().equals("standby")).findFirst().orElseThrow();
                    assertEquals(1, standby.replicas());
                    assertEquals(0, standby.weight(), "the standby takes no traffic until a failover");
                }
                default -> assertEquals(3, primary.replicas());
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bad-replicas.yaml|field 'models[0].tracks[0].replicas': expected a whole number from 0 to 10000, found 'two'",
            "bad-weights.yaml|field 'models[0].tracks': expected traffic weights that add up to 100, found 90",
            "typo.yaml|field 'models[0].replica' is not known; expected one of",
            "too-small.yaml|field 'nodes': expected room for 3 pods, found 1 nodes of 2 pods"})
    void badPresetsNameTheFileTheFieldAndWhatIsExpected(String file, String message) throws URISyntaxException {
        Path path = Path.of(PresetReaderTest.class.getResource("testdata/" + file).toURI());
        PresetException error = assertThrows(PresetException.class, () -> PresetReader.read(path));
        assertTrue(error.getMessage().startsWith(path + ": "), error.getMessage());
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }

    @org.junit.jupiter.api.Test
    void unknownPresetNameListsTheShippedOnes() {
        PresetException error = assertThrows(PresetException.class, () -> PresetReader.shipped("four-active"));
        assertTrue(error.getMessage().contains("single-active, two-active-standby, three-active"), error.getMessage());
    }
}
