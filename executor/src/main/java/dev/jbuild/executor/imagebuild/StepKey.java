package dev.jbuild.executor.imagebuild;

import dev.jbuild.store.Digest;
import dev.jbuild.store.blob.DigestingOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A build step's cache key: sha256 over named parts (parent, instruction, build args, files), each
 * length-prefixed so no two part lists collide. The parts are kept so a miss can be explained.
 */
final class StepKey {
    /** One input of a step: "parent", "instruction", "arg:NAME", "file:PATH", … */
    record Part(String name, String value) {
    }

    private final List<Part> parts = new ArrayList<>();

    StepKey add(String part) {
        return add("input", part);
    }

    StepKey add(String name, String value) {
        parts.add(new Part(name, value));
        return this;
    }

    List<Part> parts() {
        return List.copyOf(parts);
    }

    Digest digest() {
        MessageDigest sha = DigestingOutputStream.newSha256();
        for (Part p : parts) {
            for (String s : new String[] {p.name(), p.value()}) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                sha.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha.update(b);
            }
        }
        return Digest.sha256(HexFormat.of().formatHex(sha.digest()));
    }
}
