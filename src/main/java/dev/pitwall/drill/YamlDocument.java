package dev.pitwall.drill;

import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML file read as a tree, with the line each value starts on, so that a mistake can be named
 * by file, line and field.
 */
final class YamlDocument {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final JsonNode root;
    private final Map<String, Integer> lines;

    private YamlDocument(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    /** @throws ScenarioException naming the line and column of a syntax error */
    static YamlDocument parse(String source, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            var where = e.getLocation();
            throw new ScenarioException(source + (where == null ? "" : ":" + where.getLineNr()) + ": not valid YAML"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
        }
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                String pointer = parser.streamReadContext().pathAsPointer().toString();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    // an object's own place is its parent's value position
                    pointer = parser.streamReadContext().getParent() == null ? ""
                            : parser.streamReadContext().getParent().pathAsPointer().toString();
                }
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        } catch (JacksonException e) {
            // the tree above parsed; lines are a courtesy
        }
        return new YamlDocument(root, lines);
    }

    JsonNode root() {
        return root;
    }

    /**
     * The line of a field given as a path ("method[2].killPods.count"), or of its nearest parent
     * that has one; 0 when unknown.
     */
    int line(String path) {
        String pointer = pointer(path);
        while (true) {
            Integer line = lines.get(pointer);
            if (line != null) {
                return line;
            }
            if (pointer.isEmpty()) {
                return 0;
            }
            pointer = pointer.substring(0, pointer.lastIndexOf('/'));
        }
    }

    /** "method[2].killPods" as a JSON pointer: "/method/2/killPods". */
    static String pointer(String path) {
        if (path.isEmpty()) {
            return "";
        }
        return "/" + path.replace("[", ".").replace("]", "").replace(".", "/");
    }
}
