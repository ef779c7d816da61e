package dev.pitwall.sandbox.rbac;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens to identities. Tokens are secrets: they are never logged or shown. */
public final class Authenticator {

    private final Map<String, UserInfo> byToken = new ConcurrentHashMap<>();

    public void register(String token, UserInfo user) {
        byToken.put(token, user);
    }

    /** The identity behind an Authorization header; empty when a token was given but is not known. */
    public Optional<UserInfo> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return Optional.of(UserInfo.ANONYMOUS);
        }
        if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byToken.get(authorizationHeader.substring(7).strip()));
    }
}
