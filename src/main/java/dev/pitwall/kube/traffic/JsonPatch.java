package dev.pitwall.kube.traffic;

import java.util.List;

/**
 * The JSON patch operations (RFC 6902) the adapters' shifts are made of: each value tested before
 * it is replaced, so that a split someone changed meanwhile is refused rather than overwritten.
 */
final class JsonPatch {

    private JsonPatch() {
    }

    /** One operation; a number is written as a number, anything else as a JSON string. */
    static String op(String op, String path, Object value) {
        String json = value instanceof Number ? value.toString() : "\"" + value + "\"";
        return "{\"op\":\"" + op + "\",\"path\":\"" + path + "\",\"value\":" + json + "}";
    }

    static String of(List<String> operations) {
        return "[" + String.join(",", operations) + "]";
    }

    /** A label's key as a JSON pointer segment: "pitwall.dev/track" as "pitwall.dev~1track". */
    static String segment(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
