package dev.jbuild.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A content digest, {@code sha256:<64 hex>}: the address of every blob in the store. */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
    public Digest {
        if (!algorithm.equals("sha256")) {
            throw new IllegalArgumentException("unsupported digest algorithm: " + algorithm);
        }
        if (!isLowerHex(hex, 64, 64)) {
            throw new IllegalArgumentException("invalid sha256 digest: " + hex);
        }
    }

    // Written out: a record's generated equals and hashCode are bootstrapped on their first call, which
    // cost ~20-30 ms of every command's cold start (digests are map keys everywhere).
    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && hex.equals(d.hex) && algorithm.equals(d.algorithm);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    public static Digest sha256(String hex) {
        return new Digest("sha256", hex);
    }

    /** The sha256 digest of {@code content}. */
    public static Digest of(byte[] content) {
        return sha256(java.util.HexFormat.of().formatHex(dev.jbuild.store.blob.DigestingOutputStream.newSha256().digest(content)));
    }

    /** The sha256 digest of a file's bytes, read now. */
    public static Digest of(java.nio.file.Path file) throws java.io.IOException {
        dev.jbuild.store.blob.DigestingOutputStream d = new dev.jbuild.store.blob.DigestingOutputStream(java.io.OutputStream.nullOutputStream());
        java.nio.file.Files.copy(file, d);
        return d.digest();
    }

    /**
     * Sets sha256 up on a daemon thread, for a command that will hash soon: the JDK's first digest
     * instantiates its security providers (~20-30 ms cold), which so overlap the command's own start.
     */
    public static void prepare() {
        Parallel.headStart("sha256", new FirstDigest());
    }

    /** A class rather than a lambda (see Parallel.HeadStart). */
    private static final class FirstDigest implements Runnable {
        @Override
        public void run() {
            of(new byte[0]);
        }
    }

    /** The sha256 digests a directory's entries are named by (their hex), as the store's per-digest dirs hold them; none when it is absent. */
    public static java.util.List<Digest> namesIn(java.nio.file.Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<java.nio.file.Path> entries = java.nio.file.Files.list(dir)) {
            return entries.map(p -> sha256(p.getFileName().toString())).toList();
        }
    }

    /** Parses {@code sha256:<hex>}; IllegalArgumentException names what is wrong. */
    @JsonCreator
    public static Digest parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid digest \"" + text + "\": expected sha256:<64 hex digits>");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    public static boolean isDigest(String text) {
        return text.startsWith("sha256:") && isLowerHex(text.substring(7), 64, 64);
    }

    /**
     * Whether {@code s} is {@code min} to {@code max} lower-case hex digits (by hand, see {@link Ascii}):
     * every digest is checked so.
     */
    public static boolean isLowerHex(String s, int min, int max) {
        if (s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Ascii.isLowerHexDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The 12 hex digits docker shows as an ID. */
    public String shortId() {
        return hex.substring(0, 12);
    }

    @JsonValue
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }
}
