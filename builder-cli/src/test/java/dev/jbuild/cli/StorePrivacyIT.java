package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store is private: an image's setuid programs and its world-writable /tmp live in the store's
 * layer trees, owned by the store's user, and no other local user may run, read or write them. Another
 * user is played by `setpriv` to nobody, which needs root (CI's second pass); as an ordinary user the
 * store's mode is checked.
 */
class StorePrivacyIT {
    @TempDir
    Path work;

    @Test
    void anotherLocalUserCanNeitherRunNorReadNorWriteAnythingInTheStore() throws Exception {
        Path store = work.resolve("store");
        Path ctx = Files.createDirectories(work.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN cp /bin/busybox /suid && chmod 4755 /suid && mkdir -m 1777 /shared\n");
        try {
            JbuildProcess.okInStore(store, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
            JbuildProcess.okInStore(store, "build", "-q", "-t", "suid:1", ctx.toString());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
            Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                    "acting as another local user needs root (CI's second pass runs this as root)");
            Fixtures.requireTool("setpriv");
            Path suid = find(store, p -> Files.isRegularFile(p) && perms(p).contains(PosixFilePermission.OWNER_EXECUTE)
                    && p.getFileName().toString().equals("suid")).orElseThrow();
            Path shared = find(store, p -> Files.isDirectory(p) && p.getFileName().toString().equals("shared")).orElseThrow();
            Path index = store.resolve("index.json");
            for (String[] attempt : new String[][] {{"sh", "-c", "exec \"$0\" id -u", suid.toString()},
                    {"touch", shared.resolve("planted").toString()}, {"cat", index.toString()}, {"ls", store.toString()}}) {
                Result r = asNobody(attempt);
                assertNotEquals(0, r.exitCode(), () -> String.join(" ", attempt) + " worked for nobody:\n" + r);
                assertTrue(r.out().contains("ermission denied"), r::toString);
            }
        } finally {
            JbuildProcess.removeStore(store);
        }
    }

    private static Result asNobody(String... command) throws Exception {
        String[] all = Stream.concat(Stream.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"),
                Stream.of(command)).toArray(String[]::new);
        return Fixtures.exec(all);
    }

    private static Set<PosixFilePermission> perms(Path p) {
        try {
            return Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (java.io.IOException e) {
            return Set.of();
        }
    }

    private static Optional<Path> find(Path root, java.util.function.Predicate<Path> test) throws Exception {
        try (Stream<Path> all = Files.walk(root.resolve("layers"))) {
            return all.filter(p -> !Files.isSymbolicLink(p)).filter(test).findFirst();
        }
    }
}
