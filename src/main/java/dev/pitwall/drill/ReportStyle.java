package dev.pitwall.drill;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report's stylesheet, {@code ui/report.css}: embedded in the HTML, and its custom properties
 * ({@code --ink: #24292f;}) are the colours and the font of everything drawn as PNG, so that every
 * colour of Pitwall's output lives in a stylesheet under ui/.
 */
final class ReportStyle {

    static final String STYLESHEET = "/ui/report.css";

    final Color ink;
    final Color grid;
    final Color held;
    final Color broken;
    final Color step;
    final Color paper;
    private final String font;

    private ReportStyle(Map<String, String> properties) {
        ink = Color.decode(properties.get("ink"));
        grid = Color.decode(properties.get("grid"));
        held = Color.decode(properties.get("held"));
        broken = Color.decode(properties.get("broken"));
        step = Color.decode(properties.get("step"));
        paper = Color.decode(properties.get("paper"));
        font = properties.get("font").equals("sans-serif") ? Font.SANS_SERIF : properties.get("font");
    }

    static ReportStyle load() {
        Map<String, String> properties = new HashMap<>();
        Matcher matcher = Pattern.compile("--([a-z-]+):\\s*([^;]+);").matcher(stylesheet());
        while (matcher.find()) {
            properties.put(matcher.group(1), matcher.group(2).trim());
        }
        return new ReportStyle(properties);
    }

    Font font(int style, int size) {
        return new Font(font, style, size);
    }

    static String stylesheet() {
        try (var in = ReportStyle.class.getResourceAsStream(STYLESHEET)) {
            if (in == null) {
                throw new IllegalStateException(STYLESHEET + " is missing from Pitwall's jar; rebuild Pitwall");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
