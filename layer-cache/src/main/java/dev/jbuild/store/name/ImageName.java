package dev.jbuild.store.name;

import dev.jbuild.store.Digest;
import java.util.Locale;

/**
 * An image reference as docker resolves it: {@code ubuntu} is {@code docker.io/library/ubuntu:latest};
 * the first component names a registry when it holds a '.' or ':', is {@code localhost}, or has an
 * upper-case letter. Stored in full, shown short ({@link #familiar()}).
 */
public record ImageName(String domain, String path, String tag, Digest digest) {
    public static final String DOCKER_HUB = "docker.io";

    /** Parses and normalizes; IllegalArgumentException says what is wrong with the text. */
    public static ImageName parse(String text) {
        if (text.isEmpty()) {
            throw invalid(text, "empty name");
        }
        if (Digest.isLowerHex(text, 64, 64)) {
            throw invalid(text, "a 64-character hex string is an image ID, not a name");
        }
        ReferenceGrammar.Split split = ReferenceGrammar.split(text);
        if (split == null) {
            throw invalid(text, "not NAME[:TAG][@DIGEST]");
        }
        String name = text.substring(0, split.nameEnd());
        int tagEnd = split.digestAt() >= 0 ? split.digestAt() : text.length();
        String tag = split.tagColon() >= 0 ? text.substring(split.tagColon() + 1, tagEnd) : null;
        Digest digest = null;
        if (split.digestAt() >= 0) {
            try {
                digest = Digest.parse(text.substring(split.digestAt() + 1));
            } catch (IllegalArgumentException e) {
                throw invalid(text, e.getMessage());
            }
        }
        if (tag != null && !ReferenceGrammar.isTag(tag)) {
            throw invalid(text, "invalid tag \"" + tag + "\"");
        }
        String domain;
        String path;
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT)))) {
            domain = first;
            path = name.substring(slash + 1);
        } else {
            domain = DOCKER_HUB;
            path = name;
        }
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_HUB;
        }
        if (!ReferenceGrammar.isDomain(domain)) {
            throw invalid(text, "invalid registry \"" + domain + "\"");
        }
        if (!ReferenceGrammar.isPath(path)) {
            throw invalid(text, "invalid repository name \"" + path + "\" (lower case letters, digits and . _ - separators)");
        }
        if (path.length() > 255) {
            throw invalid(text, "repository name longer than 255 characters");
        }
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageName(domain, path, tag, digest);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid reference format \"" + text + "\": " + why);
    }

    /** Whether {@code reference} (as typed: {@code busybox}, {@code busybox:1}) parses to this name. */
    public boolean isNamedBy(String reference) {
        try {
            return parse(reference).equals(this);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code docker.io/library/ubuntu}. */
    /** The same repository with another tag (and no digest). */
    public ImageName withTag(String newTag) {
        return new ImageName(domain, path, newTag, null);
    }

    public String repository() {
        return domain + "/" + path;
    }

    /** {@code ubuntu}: the repository as docker shows it. */
    public String familiarRepository() {
        if (!domain.equals(DOCKER_HUB)) {
            return repository();
        }
        return path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
    }

    /** {@code ubuntu:latest}. */
    public String familiar() {
        return familiarRepository() + suffix();
    }

    private String suffix() {
        return (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    // Written out, as Digest's: a record's generated ones are bootstrapped on first use, slowly.
    @Override
    public boolean equals(Object o) {
        return o instanceof ImageName n && java.util.Objects.equals(domain, n.domain) && java.util.Objects.equals(path, n.path)
                && java.util.Objects.equals(tag, n.tag) && java.util.Objects.equals(digest, n.digest);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(domain, path, tag, digest);
    }

    /** {@code docker.io/library/ubuntu:latest}: how the store keeps it. */
    @Override
    public String toString() {
        return repository() + suffix();
    }
}
