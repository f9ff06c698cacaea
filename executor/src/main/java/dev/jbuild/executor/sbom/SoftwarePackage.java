package dev.jbuild.executor.sbom;

/**
 * One package an image holds, as its database or manifest declares it.
 *
 * @param ecosystem deb, apk, maven, npm, pypi or golang
 * @param purl      its package URL
 * @param path      the file that declared it, from the image's root
 * @param license   the licence the database gives, or null
 */
public record SoftwarePackage(String ecosystem, String name, String version, String purl, String path, String license) {

    /** What a document of these packages about {@code subject} is made from, as one digest: its stable identity. */
    static dev.jbuild.store.Digest digestOf(String subject, java.util.List<SoftwarePackage> packages) {
        StringBuilder content = new StringBuilder(subject);
        packages.forEach(p -> content.append('\n').append(p.purl()).append(' ').append(p.path()));
        return dev.jbuild.store.Digest.of(content.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
