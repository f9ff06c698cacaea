package dev.jbuild.store.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** OpenSSL's SHA-256 gives the JDK's digests, however the bytes are split, cloned midway or reset. */
class OpenSslSha256Test {
    @Test
    void theSystemHasOpenSsl() {
        assertTrue(OpenSslSha256.create().isPresent(), "libcrypto (Debian's libssl3) was not found");
    }

    @Test
    void digestsAsTheJdkDoes() throws Exception {
        Random random = new Random(11);
        for (int round = 0; round < 100; round++) {
            byte[] data = new byte[random.nextInt(200_000)];
            random.nextBytes(data);
            MessageDigest jdk = MessageDigest.getInstance("SHA-256");
            MessageDigest openSsl = OpenSslSha256.create().orElseThrow();
            MessageDigest cloned = null;
            for (int at = 0; at < data.length; ) {
                if (random.nextInt(8) == 0) {
                    jdk.update(data[at]);
                    openSsl.update(data[at]);
                    at++;
                    continue;
                }
                int n = Math.min(data.length - at, random.nextInt(70_000));
                jdk.update(data, at, n);
                openSsl.update(data, at, n);
                at += n;
                if (cloned == null && at > data.length / 2) {
                    cloned = (MessageDigest) openSsl.clone();
                    cloned.update(data, at, data.length - at);
                }
            }
            byte[] expected = jdk.digest();
            assertArrayEquals(expected, openSsl.digest(), "round " + round);
            if (cloned != null) {
                assertArrayEquals(expected, cloned.digest(), "a clone goes on from where it was made");
            }
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(), openSsl.digest(), "a digest resets");
        }
    }
}
