package dev.pitwall.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Which Prometheus serves which kubeconfig context (docs/metrics.md): the settings file
 * {@code prometheus.yaml} in Pitwall's data directory, a list of entries each naming context globs
 * and either a {@code url} (with an optional {@code bearerTokenFile}, or {@code basicUser} and
 * {@code basicPasswordFile}) or a {@code service} {@code NAMESPACE/NAME[:PORT]} reached through the
 * API server's service proxy. The first entry that matches a context wins. A mistake names the
 * file and the field (line and column for YAML syntax) and the file is not used.
 */
public record PrometheusSettings(String source, List<Entry> entries) {

    /** One entry: contexts it serves and where its Prometheus is. Credentials stay in their files until used. */
    public record Entry(List<String> contexts, String url, String service, Path bearerTokenFile, String basicUser,
                        Path basicPasswordFile) {

        public boolean serves(String context) {
            return contexts.stream().anyMatch(pattern -> pattern.equals(context)
                    || FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(context)));
        }

        /** The URL endpoint, credentials read from their files now. */
        public PrometheusClient.Endpoint endpoint() {
            PrometheusClient.Endpoint plain = PrometheusClient.Endpoint.of(url);
            try {
                if (bearerTokenFile != null) {
                    return new PrometheusClient.Endpoint(plain.url(), Files.readString(bearerTokenFile).trim(), null, null);
                }
                if (basicUser != null) {
                    return new PrometheusClient.Endpoint(plain.url(), null, basicUser,
                            basicPasswordFile == null ? "" : Files.readString(basicPasswordFile).trim());
                }
            } catch (IOException e) {
                throw new MetricsException("cannot read the credential file for Prometheus at " + url + " (" + e.getMessage()
                        + "); check the path in the Prometheus settings");
            }
            return plain;
        }
    }

    public static final PrometheusSettings NONE = new PrometheusSettings("no settings", List.of());
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    public PrometheusSettings {
        entries = List.copyOf(entries);
    }

    public Optional<Entry> forContext(String context) {
        return entries.stream().filter(entry -> entry.serves(context)).findFirst();
    }

    /** These settings with entries put first (given on the command line, they win). */
    public PrometheusSettings withFirst(List<Entry> first) {
        List<Entry> all = new ArrayList<>(first);
        all.addAll(entries);
        return new PrometheusSettings(source, all);
    }

    /** The settings in {@code file}; none when it does not exist. */
    public static PrometheusSettings read(Path file) {
        if (!Files.exists(file)) {
            return new PrometheusSettings(file.toString(), List.of());
        }
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MetricsException(file + ": cannot read the Prometheus settings (" + e.getMessage() + ")");
        }
    }

    public static PrometheusSettings parse(String source, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            var where = e.getLocation();
            throw new MetricsException(source + ": not valid YAML" + (where == null ? "" : " at line " + where.getLineNr()
                    + ", column " + where.getColumnNr()) + "; fix it or remove the file");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new PrometheusSettings(source, List.of());
        }
        JsonNode list = root.path("prometheus");
        if (!root.isObject() || !list.isArray()) {
            throw fail(source, "prometheus", "a list of entries, each with contexts and a url or a service");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "prometheus[" + i + "]";
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                throw fail(source, path, "a mapping with contexts and a url or a service");
            }
            for (String field : entry.propertyNames()) {
                if (!Set.of("contexts", "url", "service", "bearerTokenFile", "basicUser", "basicPasswordFile").contains(field)) {
                    throw fail(source, path + "." + field, "one of contexts, url, service, bearerTokenFile, basicUser,"
                            + " basicPasswordFile");
                }
            }
            JsonNode contexts = entry.path("contexts");
            if (!contexts.isArray() || contexts.isEmpty()) {
                throw fail(source, path + ".contexts", "a list of context names or globs such as prod-*");
            }
            List<String> names = new ArrayList<>();
            contexts.forEach(name -> names.add(name.asString()));
            String url = text(entry, "url");
            String service = text(entry, "service");
            if ((url == null) == (service == null)) {
                throw fail(source, path, "either url (Prometheus' own address) or service (NAMESPACE/NAME[:PORT], through the"
                        + " API server), not both and not neither");
            }
            if (url != null && !url.matches("https?://.+")) {
                throw fail(source, path + ".url", "an http:// or https:// URL");
            }
            if (service != null && !service.matches("[a-z0-9-]+/[a-z0-9-]+(:[A-Za-z0-9-]+)?")) {
                throw fail(source, path + ".service", "NAMESPACE/NAME or NAMESPACE/NAME:PORT");
            }
            String token = text(entry, "bearerTokenFile");
            String password = text(entry, "basicPasswordFile");
            entries.add(new Entry(names, url, service, token == null ? null : Path.of(token), text(entry, "basicUser"),
                    password == null ? null : Path.of(password)));
        }
        return new PrometheusSettings(source, entries);
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static MetricsException fail(String source, String field, String expected) {
        return new MetricsException(source + ": " + (field.isEmpty() ? "the file" : field) + " must be " + expected);
    }
}
