package dev.jbuild.executor.sbom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Jars, wars and ears, and those nested in them (BOOT-INF/lib, WEB-INF/lib): each Maven artifact's
 * META-INF/maven/GROUP/ARTIFACT/pom.properties, else the archive's MANIFEST.MF (its Implementation or
 * Bundle name and version). Read as streams: only the archive's own entries are looked at.
 */
final class JavaArchives {
    /** Nested archives deeper than this are not opened (a zip bomb of jars in jars). */
    private static final int MAX_DEPTH = 4;

    private JavaArchives() {
    }

    static boolean isArchive(String name) {
        return name.endsWith(".jar") || name.endsWith(".war") || name.endsWith(".ear");
    }

    static List<SoftwarePackage> read(InputStream archive, String imagePath) throws IOException {
        List<SoftwarePackage> packages = new ArrayList<>();
        read(archive, imagePath, packages, 0);
        return packages;
    }

    private static void read(InputStream archive, String path, List<SoftwarePackage> out, int depth) throws IOException {
        ZipInputStream zip = new ZipInputStream(archive);
        Manifest manifest = null;
        int found = out.size();
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            String name = e.getName();
            if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                Properties p = new Properties();
                p.load(new ByteArrayInputStream(zip.readAllBytes()));
                String group = p.getProperty("groupId");
                String artifact = p.getProperty("artifactId");
                String version = p.getProperty("version");
                if (group != null && artifact != null && version != null) {
                    out.add(new SoftwarePackage("maven", group + ":" + artifact, version,
                            Purls.of("maven", group, artifact, version, null), path, null));
                }
            } else if (name.equals("META-INF/MANIFEST.MF")) {
                manifest = new Manifest(new ByteArrayInputStream(zip.readAllBytes()));
            } else if (isArchive(name) && depth < MAX_DEPTH) {
                read(new ByteArrayInputStream(zip.readAllBytes()), path + "!/" + name, out, depth + 1);
            }
        }
        if (out.size() == found && manifest != null) {
            fromManifest(manifest, path).ifPresent(out::add);
        }
    }

    /** An archive without pom.properties: what its manifest names it. */
    private static java.util.Optional<SoftwarePackage> fromManifest(Manifest m, String path) {
        var a = m.getMainAttributes();
        String name = first(a.getValue("Bundle-SymbolicName"), a.getValue("Implementation-Title"), a.getValue("Specification-Title"));
        String version = first(a.getValue("Bundle-Version"), a.getValue("Implementation-Version"), a.getValue("Specification-Version"));
        if (name == null || version == null) {
            return java.util.Optional.empty();
        }
        name = name.split(";")[0].trim();
        String vendor = first(a.getValue("Implementation-Vendor-Id"), a.getValue("Bundle-Vendor"), null);
        String license = a.getValue("Bundle-License");
        return java.util.Optional.of(new SoftwarePackage("maven", name, version,
                Purls.of("maven", vendor == null ? null : vendor.trim(), name, version, null), path, license));
    }

    private static String first(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
