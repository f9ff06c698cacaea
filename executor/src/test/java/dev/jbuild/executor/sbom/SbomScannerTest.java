package dev.jbuild.executor.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each ecosystem's declarations, written as the package managers write them, found by one scan. */
class SbomScannerTest {
    @TempDir
    Path root;

    private Path write(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private List<String> scan() throws Exception {
        return SbomScanner.scan(root).stream().map(p -> p.purl() + " " + p.path() + (p.license() == null ? "" : " " + p.license())).toList();
    }

    @Test
    void dpkgCountsInstalledPackagesOnlyAndDistrolessFilesToo() throws Exception {
        write("usr/lib/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12\"\nID=debian\nVERSION_ID=\"12\"\n");
        Files.createSymbolicLink(Files.createDirectories(root.resolve("etc")).resolve("os-release"), Path.of("../usr/lib/os-release"));
        write("var/lib/dpkg/status", """
                Package: base-files
                Status: install ok installed
                Architecture: amd64
                Version: 12.4+deb12u5
                Description: Debian base system miscellaneous files
                 This package contains the basic filesystem hierarchy.

                Package: removed
                Status: deinstall ok config-files
                Architecture: amd64
                Version: 1.0

                """);
        write("var/lib/dpkg/status.d/tzdata", "Package: tzdata\nArchitecture: all\nVersion: 2024a-0+deb12u1\n");
        write("var/lib/dpkg/status.d/tzdata.md5sums", "abc  usr/share/zoneinfo/UTC\n");
        assertEquals(List.of(
                "pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12 /var/lib/dpkg/status",
                "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12 /var/lib/dpkg/status.d/tzdata"), scan());
    }

    @Test
    void apkGivesLicences() throws Exception {
        write("etc/os-release", "ID=alpine\nVERSION_ID=3.20.0\n");
        write("lib/apk/db/installed", "C:Q1abc=\nP:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\n\nP:busybox\nV:1.36.1-r29\nA:x86_64\nL:GPL-2.0-only\n\n");
        assertEquals(List.of(
                "pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=alpine-3.20.0 /lib/apk/db/installed GPL-2.0-only",
                "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.0 /lib/apk/db/installed MIT"), scan());
    }

    @Test
    void javaArchivesByPomPropertiesNestedJarsAndManifests() throws Exception {
        byte[] lib = jar(Map.of("META-INF/maven/org.slf4j/slf4j-api/pom.properties", "groupId=org.slf4j\nartifactId=slf4j-api\nversion=2.0.13\n"), null);
        byte[] manifestOnly = jar(Map.of(), Map.of("Implementation-Title", "legacy", "Implementation-Version", "3.1",
                "Implementation-Vendor-Id", "com.example"));
        Path app = root.resolve("app/app.jar");
        Files.createDirectories(app.getParent());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(app))) {
            entry(z, "META-INF/maven/com.example/app/pom.properties", "groupId=com.example\nartifactId=app\nversion=1.0.0\n".getBytes());
            entry(z, "BOOT-INF/lib/slf4j-api-2.0.13.jar", lib);
        }
        Files.write(root.resolve("app/legacy.jar"), manifestOnly);
        assertEquals(List.of(
                "pkg:maven/com.example/app@1.0.0 /app/app.jar",
                "pkg:maven/com.example/legacy@3.1 /app/legacy.jar",
                "pkg:maven/org.slf4j/slf4j-api@2.0.13 /app/app.jar!/BOOT-INF/lib/slf4j-api-2.0.13.jar"), scan());
    }

    @Test
    void npmInstalledPackagesAndPythonDistributions() throws Exception {
        write("app/node_modules/express/package.json", "{\"name\":\"express\",\"version\":\"4.19.2\",\"license\":\"MIT\"}");
        write("app/node_modules/@babel/core/package.json", "{\"name\":\"@babel/core\",\"version\":\"7.24.0\"}");
        write("app/node_modules/express/lib/package.json", "{\"name\":\"not-a-package\",\"version\":\"0\"}");
        write("app/package.json", "{\"name\":\"the-app-itself\",\"version\":\"1.0.0\"}");
        write("usr/lib/python3/dist-packages/Jinja2-3.1.2.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: Jinja2\nVersion: 3.1.2\nLicense: BSD-3-Clause\n\nA very fast template engine.\nName: not-a-header\n");
        assertEquals(List.of(
                "pkg:npm/%40babel/core@7.24.0 /app/node_modules/@babel/core/package.json",
                "pkg:npm/express@4.19.2 /app/node_modules/express/package.json MIT",
                "pkg:pypi/jinja2@3.1.2 /usr/lib/python3/dist-packages/Jinja2-3.1.2.dist-info/METADATA BSD-3-Clause"), scan());
    }

    @Test
    void goBinariesByTheirEmbeddedBuildInfo() throws Exception {
        String modinfo = "path\texample.com/cmd/server\nmod\texample.com\tv1.2.3\th1:abc=\ndep\tgolang.org/x/text\tv0.14.0\th1:def=\n"
                + "dep\tgithub.com/old/lib\tv1.0.0\n=>\tgithub.com/new/lib\tv1.1.0\th1:ghi=\nbuild\t-compiler=gc\n";
        ByteArrayOutputStream elf = new ByteArrayOutputStream();
        elf.write(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        elf.write(new byte[4096 - 8]); // the block lies 16-aligned further on
        byte[] head = new byte[32];
        byte[] magic = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(magic, 0, head, 0, magic.length);
        head[14] = 8;
        head[15] = 2; // version and module info inline
        elf.write(head);
        varintString(elf, "go1.22.1");
        varintString(elf, "0123456789abcdef" + modinfo + "fedcba9876543210");
        Path binary = root.resolve("usr/local/bin/server");
        Files.createDirectories(binary.getParent());
        Files.write(binary, elf.toByteArray());
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.write(root.resolve("usr/local/bin/not-executable"), elf.toByteArray());
        assertEquals(List.of(
                "pkg:golang/example.com@v1.2.3 /usr/local/bin/server",
                "pkg:golang/github.com/new/lib@v1.1.0 /usr/local/bin/server",
                "pkg:golang/golang.org/x/text@v0.14.0 /usr/local/bin/server"), scan());
    }

    @Test
    void documentsNameEveryPackageWithItsPurl() throws Exception {
        List<SoftwarePackage> packages = List.of(new SoftwarePackage("npm", "express", "4.19.2", "pkg:npm/express@4.19.2", "/p.json", "MIT"),
                new SoftwarePackage("pypi", "x", "1", "pkg:pypi/x@1", "/METADATA", "BSD License"));
        Map<String, Object> spdx = SpdxDocument.of("app:1", packages, "2026-01-01T00:00:00Z", "test");
        assertEquals("SPDX-2.3", spdx.get("spdxVersion"));
        String text = dev.jbuild.store.oci.Json.pretty(spdx);
        assertTrue(text.contains("\"licenseDeclared\" : \"MIT\"") || text.contains("\"licenseDeclared\": \"MIT\""), text);
        assertTrue(text.contains("declared as: BSD License"), "free text is no SPDX expression: " + text);
        assertEquals(spdx, SpdxDocument.of("app:1", packages, "2026-01-01T00:00:00Z", "test"), "the same scan, the same document");
        Map<String, Object> bom = CycloneDxDocument.of("app:1", packages, "2026-01-01T00:00:00Z", "test");
        assertEquals(2, ((List<?>) bom.get("components")).size());
    }

    private static void varintString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int n = b.length;
        while (n >= 0x80) {
            out.write((n & 0x7f) | 0x80);
            n >>>= 7;
        }
        out.write(n);
        out.writeBytes(b);
    }

    private static byte[] jar(Map<String, String> files, Map<String, String> manifest) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifest != null) {
            manifest.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        }
        try (JarOutputStream j = new JarOutputStream(bytes, m)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                entry(j, f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream z, String name, byte[] content) throws Exception {
        z.putNextEntry(new ZipEntry(name));
        z.write(content);
        z.closeEntry();
    }
}
