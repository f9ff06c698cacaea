package dev.jbuild.dockerfile;

import java.util.Locale;
import java.util.Set;

/**
 * Names of ARGs and ENVs that say they hold a secret (BuildKit's SecretsUsedInArgOrEnv check): a word of
 * the name, split at '_', '-' and '.', is one of the words below. Such a value persists in the image's
 * config or history; a secret mount does not.
 */
public final class SecretNames {
    private static final Set<String> WORDS = Set.of("apikey", "auth", "credential", "credentials", "key", "password", "passwd",
            "pword", "secret", "token");

    private SecretNames() {
    }

    /** Split by hand: every build step with build args asks, and a regular expression costs a cold JVM milliseconds. */
    public static boolean looksSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int start = 0;
        for (int i = 0; i <= lower.length(); i++) {
            if (i == lower.length() || lower.charAt(i) == '_' || lower.charAt(i) == '.' || lower.charAt(i) == '-') {
                if (WORDS.contains(lower.substring(start, i))) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
