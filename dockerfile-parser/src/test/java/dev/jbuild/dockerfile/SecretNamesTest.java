package dev.jbuild.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which ARG and ENV names say they hold a secret, and the warning `build --check` gives for them. */
class SecretNamesTest {
    @Test
    void aWordOfTheNameDecides() {
        for (String name : List.of("PASSWORD", "github_token", "AWS_SECRET_ACCESS_KEY", "npm-auth", "api.key", "DB_PASSWD")) {
            assertTrue(SecretNames.looksSecret(name), name);
        }
        for (String name : List.of("KEYBOARD", "TOKENIZER_VERSION", "MONKEY", "PATH", "AUTHOR")) {
            assertFalse(SecretNames.looksSecret(name), name);
        }
    }

    @Test
    void checkWarnsOnceForEachSecretNamedArgOrEnv() {
        List<Problem> problems = DockerfileChecker.check("ARG NPM_TOKEN\nFROM scratch\nARG VERSION=1 PASSWORD\nENV API_KEY=x HOME=/\n");
        List<String> warnings = problems.stream().map(p -> p.line() + ": " + p.message()).toList();
        assertEquals(List.of(
                "1: SecretsUsedInArgOrEnv: do not use ARG or ENV for sensitive data (ARG \"NPM_TOKEN\"); use RUN --mount=type=secret",
                "3: SecretsUsedInArgOrEnv: do not use ARG or ENV for sensitive data (ARG \"PASSWORD\"); use RUN --mount=type=secret",
                "4: SecretsUsedInArgOrEnv: do not use ARG or ENV for sensitive data (ENV \"API_KEY\"); use RUN --mount=type=secret"),
                warnings);
    }
}
