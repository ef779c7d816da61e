package dev.pitwall.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code /usr/bin/kubectl}, run against a sandbox's kubeconfig with a time limit. */
public final class Kubectl {

    /** What kubectl printed and how it exited. */
    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }

        public Result assertOk() {
            if (exitCode != 0) {
                throw new AssertionError("kubectl failed (" + exitCode + "):\n" + out + err);
            }
            return this;
        }
    }

    private final Path kubeconfig;
    private final Path cacheDir;

    public Kubectl(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
        try {
            this.cacheDir = Files.createTempDirectory("kubectl-cache");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String binary() {
        return Files.isExecutable(Path.of("/usr/bin/kubectl")) ? "/usr/bin/kubectl" : "kubectl";
    }

    public Result run(String... args) {
        return run(60, args);
    }

    public Result run(int timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>(List.of(binary(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", cacheDir.toString(), "--request-timeout", "20s"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kubectl", ".out");
            Path err = Files.createTempFile("kubectl", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            int code = process.isAlive() ? -1 : process.exitValue();
            Result result = new Result(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kubectl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts kubectl without waiting (for {@code get -w}); the caller stops it. */
    public Process start(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", cacheDir.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }
}
