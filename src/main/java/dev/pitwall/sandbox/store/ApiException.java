package dev.pitwall.sandbox.store;

/** A Kubernetes API error: the HTTP code, the Status reason, and the message a client prints. */
public final class ApiException extends RuntimeException {

    private final int code;
    private final String reason;

    public ApiException(int code, String reason, String message) {
        super(message);
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public static ApiException notFound(ResourceType type, String name) {
        return new ApiException(404, "NotFound", type.qualifiedName() + " \"" + name + "\" not found");
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }

    public static ApiException invalid(ResourceType type, String name, String message) {
        return new ApiException(422, "Invalid", type.kind() + " \"" + name + "\" is invalid: " + message);
    }
}
