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
 * length-prefixed so no two part lists collide, worked out as the parts come. The parts are kept so a
 * miss can be explained: the first {@link #NAMED_FILES} files one by one, the rest as one digest, so
 * that a context's file count does not decide the memory a key holds.
 */
final class StepKey {
    /** Files a key names one by one. */
    static final int NAMED_FILES = 4096;
    /** The name of the part that stands for the files after the named ones (followed by the last named). */
    static final String FILES_AFTER = "files after:";

    /** One input of a step: "parent", "instruction", "arg:NAME", "file:PATH", … */
    record Part(String name, String value) {
    }

    private final List<Part> parts = new ArrayList<>();
    private final MessageDigest sha = DigestingOutputStream.newSha256();
    private int files;
    private String lastNamedFile;
    private MessageDigest unnamedFiles;

    StepKey add(String part) {
        return add("input", part);
    }

    StepKey add(String name, String value) {
        update(sha, name, value);
        boolean file = name.startsWith("file:");
        if (file && files == NAMED_FILES) {
            if (unnamedFiles == null) {
                unnamedFiles = DigestingOutputStream.newSha256();
            }
            update(unnamedFiles, name, value);
            return this;
        }
        if (file) {
            files++;
            lastNamedFile = name.substring(5);
        }
        parts.add(new Part(name, value));
        return this;
    }

    List<Part> parts() {
        List<Part> all = new ArrayList<>(parts);
        if (unnamedFiles != null) {
            all.add(new Part(FILES_AFTER + lastNamedFile, hex(unnamedFiles)));
        }
        return all;
    }

    Digest digest() {
        return Digest.sha256(hex(sha));
    }

    private static void update(MessageDigest digest, String name, String value) {
        for (String s : new String[] {name, value}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            digest.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(b);
        }
    }

    /** The digest of what was given so far; more may follow. */
    private static String hex(MessageDigest digest) {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("sha256 cannot be cloned", e);
        }
    }
}
