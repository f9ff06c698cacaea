package dev.jbuild.executor.build;

import dev.jbuild.store.Digest;
import dev.jbuild.store.blob.DigestingOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** A build step's cache key: sha256 over its parts, each length-prefixed so no two part lists collide. */
final class StepKey {
    private final MessageDigest sha = DigestingOutputStream.newSha256();

    StepKey add(String part) {
        byte[] b = part.getBytes(StandardCharsets.UTF_8);
        sha.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(b);
        return this;
    }

    Digest digest() {
        return Digest.sha256(HexFormat.of().formatHex(sha.digest()));
    }
}
