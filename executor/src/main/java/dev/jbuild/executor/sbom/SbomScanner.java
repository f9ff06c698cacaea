package dev.jbuild.executor.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The packages a file system holds, from what package managers leave: dpkg's and apk's databases,
 * Java archives' Maven metadata, npm's package.json files, Python's distribution metadata and Go
 * binaries' embedded build information. One walk of the tree, links never followed; the only file
 * contents read are those databases and manifests (and, of ELF executables, the Go build info).
 */
public final class SbomScanner {
    private SbomScanner() {
    }

    /** Every package under {@code root}, sorted by ecosystem, name, version and path (the same tree gives the same list). */
    public static List<SoftwarePackage> scan(Path root) throws IOException {
        OsRelease os = OsRelease.of(root);
        List<SoftwarePackage> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    String path = "/" + root.relativize(file).toString();
                    try {
                        found.addAll(packagesOf(file, path, os));
                    } catch (IOException | RuntimeException e) {
                        // a damaged manifest is not a package; the scan goes on
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable (another id's 0700 directory): nothing to declare
            }
        });
        found.sort(Comparator.comparing(SoftwarePackage::ecosystem).thenComparing(SoftwarePackage::name)
                .thenComparing(SoftwarePackage::version).thenComparing(SoftwarePackage::path));
        return found;
    }

    private static List<SoftwarePackage> packagesOf(Path file, String path, OsRelease os) throws IOException {
        if (path.equals("/var/lib/dpkg/status") || path.startsWith("/var/lib/dpkg/status.d/") && !path.endsWith(".md5sums")) {
            return DpkgDatabase.read(file, path, os);
        }
        if (path.equals("/lib/apk/db/installed")) {
            return ApkDatabase.read(file, path, os);
        }
        if (JavaArchives.isArchive(path)) {
            try (InputStream in = Files.newInputStream(file)) {
                return JavaArchives.read(in, path);
            }
        }
        if (NpmPackages.isInstalledManifest(path)) {
            return NpmPackages.read(file, path).map(List::of).orElse(List.of());
        }
        if (PythonPackages.isMetadata(path)) {
            return PythonPackages.read(file, path).map(List::of).orElse(List.of());
        }
        if (isExecutable(file) && isElf(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                return GoBuildInfo.read(in, path);
            }
        }
        return List.of();
    }

    private static boolean isElf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return GoBuildInfo.isElf(in.readNBytes(4));
        }
    }

    private static boolean isExecutable(Path file) throws IOException {
        return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
    }
}
