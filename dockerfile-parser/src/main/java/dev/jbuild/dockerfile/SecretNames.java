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

    public static boolean looksSecret(String name) {
        for (String word : name.toLowerCase(Locale.ROOT).split("[_.-]")) {
            if (WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
