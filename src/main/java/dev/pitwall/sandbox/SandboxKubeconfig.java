package dev.pitwall.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import dev.pitwall.sandbox.store.KubeObjects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes the kubeconfig through which kubectl and Pitwall reach a sandbox: one cluster, and one
 * user and context per identity ({@code NAME-viewer}, {@code NAME-operator}, {@code NAME-lead}),
 * the operator's current. The file holds tokens, so it is readable by its owner only.
 */
public final class SandboxKubeconfig {

    private SandboxKubeconfig() {
    }

    public static String contextName(String sandboxName, SandboxIdentity identity) {
        return sandboxName + "-" + identity.userName();
    }

    public static void write(Path file, String sandboxName, String serverUrl, String caCertificatePem, String namespace,
                             Map<SandboxIdentity, String> tokens) throws IOException {
        ObjectNode config = KubeObjects.JSON.createObjectNode();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("current-context", contextName(sandboxName, SandboxIdentity.OPERATOR));
        ObjectNode cluster = config.putArray("clusters").addObject();
        cluster.put("name", sandboxName);
        cluster.putObject("cluster").put("server", serverUrl).put("certificate-authority-data",
                java.util.Base64.getEncoder().encodeToString(caCertificatePem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        ArrayNode users = config.putArray("users");
        ArrayNode contexts = config.putArray("contexts");
        for (SandboxIdentity identity : SandboxIdentity.people()) {
            String userName = sandboxName + "-" + identity.userName();
            ObjectNode user = users.addObject();
            user.put("name", userName);
            user.putObject("user").put("token", tokens.get(identity));
            ObjectNode context = contexts.addObject();
            context.put("name", contextName(sandboxName, identity));
            ObjectNode body = context.putObject("context");
            body.put("cluster", sandboxName);
            body.put("user", userName);
            body.put("namespace", namespace);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temporary = Files.createTempFile(parent, ".kubeconfig", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile directory already restricts access
        }
        Files.writeString(temporary, YAMLMapper.builder().build().writeValueAsString(config));
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
