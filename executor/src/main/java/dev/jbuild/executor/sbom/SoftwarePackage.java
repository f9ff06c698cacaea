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
}
