package dev.pitwall.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4), as pods serve it on /metrics:
 * {@code name{label="value",...} value [timestamp]} lines; comments and blank lines are skipped.
 * Written here because no maintained Java library parses it (the official client only writes it).
 */
public final class TextFormat {

    /** One line: a series' name, labels and value. */
    public record Line(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private TextFormat() {
    }

    /** @throws MetricsException naming the line that is not in the format */
    public static List<Line> parse(String text, String source) {
        List<Line> lines = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("\n")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                lines.add(line(line));
            } catch (RuntimeException e) {
                throw new MetricsException(source + " line " + number + " is not in Prometheus' text format: " + abbreviate(line));
            }
        }
        return lines;
    }

    private static Line line(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int at;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            at = brace + 1;
            while (line.charAt(at) != '}') {
                int equals = line.indexOf('=', at);
                String key = line.substring(at, equals).strip();
                int quote = equals + 1;
                if (line.charAt(quote) != '"') {
                    throw new IllegalArgumentException("label value without quotes");
                }
                StringBuilder value = new StringBuilder();
                int i = quote + 1;
                for (; line.charAt(i) != '"'; i++) {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        char next = line.charAt(++i);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(key, value.toString());
                at = i + 1;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            at++;
        } else {
            name = line.substring(0, space);
            at = space;
        }
        String[] rest = line.substring(at).strip().split("\\s+");
        return new Line(name, labels, value(rest[0]));
    }

    static double value(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
