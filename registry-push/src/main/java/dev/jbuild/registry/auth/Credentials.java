package dev.jbuild.registry.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password (or token) for one registry. */
public record Credentials(String username, String secret) {

    /** docker's "auth" field: base64 of user:password. */
    public String encoded() {
        return Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public static Credentials decode(String auth) {
        String plain = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
        int colon = plain.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("an auth entry must encode user:password");
        }
        return new Credentials(plain.substring(0, colon), plain.substring(colon + 1));
    }

    @Override
    public String toString() {
        return "Credentials[" + username + ", ***]";
    }
}
