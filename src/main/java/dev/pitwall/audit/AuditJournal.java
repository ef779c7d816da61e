package dev.pitwall.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pitwall's journal: one JSON object per line, each chained to the one before by SHA-256, so that
 * editing, inserting or deleting a record breaks the chain at that record. A record is on disk
 * (written and forced) before {@link #append} returns: operations append a record before each
 * request they send. Several Pitwall processes may share the file: each append holds a file lock.
 * Records hold who did what, where and with what outcome; never a credential.
 *
 * <p>Each line is the record's fields, then {@code "prev"} (the previous record's hash, or 64
 * zeros for the first), then {@code "hash"}: the SHA-256 of the line's text up to and without
 * {@code ,"hash":...}, closed by a brace.
 */
public final class AuditJournal {

    static final String GENESIS = "0".repeat(64);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HASH_FIELD = ",\"hash\":\"";

    /** File locks guard against other processes; threads of this one (several operations at once) queue here. */
    private static final Object IN_PROCESS = new Object();

    private final Path file;

    public AuditJournal(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends a record ({@code fields} in order; "time" is added when missing) and forces it to disk.
     *
     * @return the record as written, with its time, prev and hash
     */
    public Map<String, Object> append(Map<String, ?> fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("time", Instant.now().toString());
        record.putAll(fields);
        record.remove("prev");
        record.remove("hash");
        synchronized (IN_PROCESS) {
            return write(record);
        }
    }

    private Map<String, Object> write(Map<String, Object> record) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                record.put("prev", lastHash(channel));
                String body = JSON.writeValueAsString(record);
                String hash = sha256(body);
                String line = body.substring(0, body.length() - 1) + HASH_FIELD + hash + "\"}\n";
                channel.position(channel.size());
                ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
                record.put("hash", hash);
                return record;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file + ": " + e.getMessage()
                    + ". Nothing was sent; free space or fix its permissions, then try again.", e);
        }
    }

    /** The hash of the last line, read back from the end of the file. */
    private static String lastHash(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return GENESIS;
        }
        int chunk = (int) Math.min(size, 256);
        ByteBuffer tail = ByteBuffer.allocate(chunk);
        channel.read(tail, size - chunk);
        String text = new String(tail.array(), StandardCharsets.UTF_8).stripTrailing();
        int at = text.lastIndexOf(HASH_FIELD);
        if (at < 0 || text.length() < at + HASH_FIELD.length() + 64) {
            throw new IOException("its last line does not end in a hash; run `pitwall audit verify` to find the damage");
        }
        return text.substring(at + HASH_FIELD.length(), at + HASH_FIELD.length() + 64);
    }

    /** Every record, oldest first, as written. */
    public List<JsonNode> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<JsonNode> records = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    records.add(JSON.readTree(line));
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the journal " + file + " is damaged (" + e.getMessage()
                    + "); run `pitwall audit verify` to find the record", e);
        }
    }

    /** What {@link #verify()} found: empty problems when the chain holds. */
    public record Verification(int records, List<String> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    /** Checks every record's hash and its link to the record before; names each broken line. */
    public Verification verify() {
        if (!Files.exists(file)) {
            return new Verification(0, List.of());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Verification(0, List.of("cannot read " + file + ": " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        String previous = GENESIS;
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            count++;
            int lineNumber = i + 1;
            int at = line.lastIndexOf(HASH_FIELD);
            if (at < 0 || !line.endsWith("\"}") || line.length() != at + HASH_FIELD.length() + 64 + 2) {
                problems.add("line " + lineNumber + ": not a journal record (no hash at its end)");
                previous = null;
                continue;
            }
            String body = line.substring(0, at) + "}";
            String hash = line.substring(at + HASH_FIELD.length(), at + HASH_FIELD.length() + 64);
            String prev;
            try {
                prev = JSON.readTree(body).path("prev").asString("");
            } catch (RuntimeException e) {
                problems.add("line " + lineNumber + ": not valid JSON");
                previous = hash;
                continue;
            }
            if (!sha256(body).equals(hash)) {
                problems.add("line " + lineNumber + ": its content was changed after it was written (hash mismatch)");
            } else if (previous != null && !previous.equals(prev)) {
                problems.add("line " + lineNumber + ": does not follow the record before it (a record was deleted or inserted"
                        + " before this line)");
            }
            previous = hash;
        }
        return new Verification(count, problems);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
