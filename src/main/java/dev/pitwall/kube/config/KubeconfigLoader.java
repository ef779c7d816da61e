package dev.pitwall.kube.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads kubeconfig files and merges them as kubectl does: for clusters, users and contexts the
 * first file that defines a name wins; the current context is the first one any file sets.
 * A file that cannot be read or does not have the kubeconfig shape is reported as a
 * {@link KubeconfigProblem} naming the file and what is wrong; the other files still load.
 * Credentials are never read into the summary.
 */
public final class KubeconfigLoader {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private record Cluster(String server, Path source) {
    }

    private record Context(String cluster, String user, String namespace, Path source) {
    }

    public KubeconfigSummary load(List<Path> files) {
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        Map<String, Path> users = new LinkedHashMap<>();
        Map<String, Context> contexts = new LinkedHashMap<>();
        List<Path> loaded = new ArrayList<>();
        List<KubeconfigProblem> problems = new ArrayList<>();
        String currentContext = null;

        for (Path file : files) {
            if (!Files.exists(file)) {
                continue; // kubectl skips files of KUBECONFIG that do not exist
            }
            JsonNode root;
            try {
                root = read(file);
            } catch (KubeconfigFormatException e) {
                problems.add(new KubeconfigProblem(file, e.getMessage()));
                continue;
            }
            FileReader reader = new FileReader(file, problems);
            if (!reader.checkRoot(root)) {
                continue;
            }
            loaded.add(file);
            reader.entries(root, "clusters", "cluster", (name, body) ->
                    clusters.putIfAbsent(name, new Cluster(reader.text(body, "server", name), file)));
            reader.entries(root, "users", "user", (name, body) -> users.putIfAbsent(name, file));
            reader.entries(root, "contexts", "context", (name, body) -> contexts.putIfAbsent(name,
                    new Context(reader.text(body, "cluster", name), reader.text(body, "user", name),
                            reader.text(body, "namespace", name), file)));
            JsonNode current = root.get("current-context");
            if (currentContext == null && current != null && current.isString() && !current.asString().isBlank()) {
                currentContext = current.asString();
            }
        }

        List<ContextEntry> entries = new ArrayList<>();
        for (Map.Entry<String, Context> entry : contexts.entrySet()) {
            Context context = entry.getValue();
            Cluster cluster = clusters.get(context.cluster());
            if (cluster == null) {
                problems.add(new KubeconfigProblem(context.source(), "context '" + entry.getKey()
                        + "' names cluster '" + context.cluster()
                        + "', which no kubeconfig file defines. Add the cluster or fix the context."));
            }
            if (!context.user().isEmpty() && !users.containsKey(context.user())) {
                problems.add(new KubeconfigProblem(context.source(), "context '" + entry.getKey()
                        + "' names user '" + context.user()
                        + "', which no kubeconfig file defines. Add the user or fix the context."));
            }
            entries.add(new ContextEntry(entry.getKey(), context.cluster(),
                    cluster == null ? "" : cluster.server(), context.user(),
                    context.namespace().isEmpty() ? "default" : context.namespace(),
                    entry.getKey().equals(currentContext), context.source()));
        }
        return new KubeconfigSummary(files, loaded, entries, problems);
    }

    private static JsonNode read(Path file) throws KubeconfigFormatException {
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                throw new KubeconfigFormatException("the file is empty. Remove it from KUBECONFIG or write a kubeconfig into it.");
            }
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new KubeconfigFormatException("cannot be read (" + e.getMessage()
                    + "). Check its permissions or remove it from KUBECONFIG.");
        } catch (JacksonException e) {
            TokenStreamLocation where = e.getLocation();
            String position = where == null || where.getLineNr() < 0 ? ""
                    : "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
            throw new KubeconfigFormatException(position + "not valid YAML (" + firstLine(e.getOriginalMessage())
                    + "). Fix the file, or remove it from KUBECONFIG.");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    private static final class KubeconfigFormatException extends Exception {
        KubeconfigFormatException(String message) {
            super(message);
        }
    }

    /** Walks one file's tree and reports shape errors against that file. */
    private static final class FileReader {
        private final Path file;
        private final List<KubeconfigProblem> problems;

        FileReader(Path file, List<KubeconfigProblem> problems) {
            this.file = file;
            this.problems = problems;
        }

        boolean checkRoot(JsonNode root) {
            if (root == null || !root.isObject()) {
                problem("is not a kubeconfig: expected a mapping with clusters, users and contexts, found "
                        + describe(root) + ". Fix the file, or remove it from KUBECONFIG.");
                return false;
            }
            JsonNode kind = root.get("kind");
            if (kind != null && !"Config".equals(kind.asString())) {
                problem("is not a kubeconfig: kind is '" + kind.asString()
                        + "', expected 'Config'. Remove it from KUBECONFIG.");
                return false;
            }
            return true;
        }

        interface EntryConsumer {
            void accept(String name, JsonNode body);
        }

        void entries(JsonNode root, String listField, String bodyField, EntryConsumer consumer) {
            JsonNode list = root.get(listField);
            if (list == null || list.isNull()) {
                return;
            }
            if (!list.isArray()) {
                problem("'" + listField + "' must be a list, found " + describe(list) + ". Fix the file.");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                String where = listField + "[" + i + "]";
                JsonNode name = item.get("name");
                if (!item.isObject() || name == null || !name.isString() || name.asString().isBlank()) {
                    problem("'" + where + "' has no name. Each entry needs 'name' and '" + bodyField + "'. Fix the file.");
                    continue;
                }
                JsonNode body = item.get(bodyField);
                if (body == null || !body.isObject()) {
                    problem("'" + where + "' (" + name.asString() + ") has no '" + bodyField
                            + "' mapping. Fix the file.");
                    continue;
                }
                consumer.accept(name.asString(), body);
            }
        }

        String text(JsonNode body, String field, String owner) {
            JsonNode value = body.get(field);
            if (value == null || value.isNull()) {
                return "";
            }
            if (!value.isValueNode()) {
                problem("'" + field + "' of '" + owner + "' must be a string, found " + describe(value) + ". Fix the file.");
                return "";
            }
            return value.asString();
        }

        private void problem(String message) {
            problems.add(new KubeconfigProblem(file, message));
        }

        private static String describe(JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return "nothing";
            }
            if (node.isArray()) {
                return "a list";
            }
            if (node.isObject()) {
                return "a mapping";
            }
            return node.isString() ? "a string" : "a scalar value"; // never echo values: they may be secrets
        }
    }
}
