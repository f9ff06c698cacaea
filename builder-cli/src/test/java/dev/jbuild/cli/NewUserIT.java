package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import dev.jbuild.registry.RegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A new user's first hour, exactly as the README tells a person: a fresh {@code useradd -m} account,
 * jbuild installed with {@code scripts/install.sh --prefix} (outside any checkout), and every command
 * through {@code su - USER} (a login shell) with no jbuild variable set. Only the default paths are
 * used: the store under ~/.local/share/jbuild, credentials in ~/.docker/config.json. Creating a user
 * needs root: scripts/test.sh runs this in its root phase.
 */
class NewUserIT {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer().withBasicAuth("alice", "s3cret");

    private static String user;
    private static Path home;
    private static Path prefix;
    private static Path work;

    @BeforeAll
    static void newUser() throws Exception {
        Assumptions.assumeTrue(Files.getAttribute(Paths.get("/proc/self"), "unix:uid").equals(0),
                "creates a user account, so runs as root (scripts/test.sh runs it in its root phase)");
        user = "jbnew" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        ok(Fixtures.exec("useradd", "-m", "-s", "/bin/bash", user));
        ensureSubordinateIds();
        home = Paths.get(Fixtures.exec("sh", "-c", "getent passwd " + user + " | cut -d: -f6").out().trim());

        // Installed outside the checkout, as a CI image would COPY it: the user cannot read the checkout.
        prefix = Files.createTempDirectory("jbuild-prefix");
        Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x"));
        ok(Fixtures.exec("bash", JbuildProcess.PROJECT.resolve("scripts/install.sh").toString(), "--prefix", prefix.toString(),
                "--no-packages", "--no-build", "--no-sample"));
        work = Files.createTempDirectory("jbuild-newuser");
        ok(Fixtures.exec("cp", "-r", JbuildProcess.PROJECT.resolve("testdata/sample").toString(),
                JbuildProcess.PROJECT.resolve("testdata/busybox/rootfs.sh").toString(), work.toString()));
        Files.createDirectories(work.resolve("private"));
        Files.writeString(work.resolve("private/Dockerfile"), "FROM " + REGISTRY.host() + "/private/base:1\n"
                + "RUN echo built by $(id -un) from the private base > /msg\nCMD [\"cat\", \"/msg\"]\n");
        Files.createDirectories(work.resolve("utf"));
        Files.writeString(work.resolve("utf/Dockerfile"), "FROM busybox:latest\nRUN touch \"/caf$(printf '\\303\\251')\"\n"
                + "CMD [\"find\", \"/\", \"-maxdepth\", \"1\", \"-name\", \"caf*\"]\n");
        // The README's CI pod by hand: a user namespace that may make no other, no CAP_SYS_ADMIN, a /proc of its own.
        Path pod = Files.writeString(work.resolve("pod.sh"), "#!/bin/bash\n"
                + "s=$(grep \"^$(id -un):\" /etc/subuid | cut -d: -f2); g=$(grep \"^$(id -un):\" /etc/subgid | cut -d: -f2)\n"
                + "exec unshare --user --map-user=0 --map-group=0 --map-users=$s,1,65536 --map-groups=$g,1,65536 --mount --pid"
                + " --fork --mount-proc sh -c 'echo 0 > /proc/sys/user/max_user_namespaces && exec /usr/sbin/capsh"
                + " --drop=cap_sys_admin -- -c \"exec \\\"\\$0\\\" \\\"\\$@\\\"\" \"$@\"' pod \"$@\"\n");
        Files.setPosixFilePermissions(pod, PosixFilePermissions.fromString("rwxr-xr-x"));
        ok(Fixtures.exec("chown", "-R", user + ":", work.toString()));
    }

    /** useradd gives a new user a subuid range where login.defs says so; otherwise one past every other. */
    private static void ensureSubordinateIds() throws IOException, InterruptedException {
        for (String file : List.of("/etc/subuid", "/etc/subgid")) {
            Path path = Paths.get(file);
            List<String> lines = Files.exists(path) ? Files.readAllLines(path) : List.of();
            if (lines.stream().anyMatch(l -> l.startsWith(user + ":"))) {
                continue;
            }
            long next = 100_000;
            for (String line : lines) {
                String[] f = line.split(":");
                if (f.length == 3) {
                    next = Math.max(next, Long.parseLong(f[1]) + Long.parseLong(f[2]));
                }
            }
            Files.writeString(path, user + ":" + next + ":65536\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    @AfterAll
    static void removeUser() throws Exception {
        if (user == null) {
            return;
        }
        Fixtures.exec("pkill", "-KILL", "-u", user); // the pause process that holds its namespace
        Thread.sleep(200);
        Fixtures.exec("userdel", "-r", user);
        Fixtures.exec("sed", "-i", "/^" + user + ":/d", "/etc/subuid", "/etc/subgid");
        Fixtures.exec("rm", "-rf", prefix.toString(), work.toString());
    }

    private static void ok(Result r) {
        assertEquals(0, r.exitCode(), r::toString);
    }

    /** A login shell of the user (su -: a clean environment), jbuild on PATH as the README says. */
    private static Result asUser(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("su", "-", user, "-c",
                "export PATH=\"" + prefix + "/bin:$PATH\"; cd " + work + " && " + script)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] err = p.getErrorStream().readAllBytes();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, new String(err));
    }

    private static Result okAsUser(String script) throws IOException, InterruptedException {
        Result r = asUser(script);
        assertEquals(0, r.exitCode(), () -> script + "\n" + r);
        return r;
    }

    @Test
    void theReadmeMainJobAndAPrivateRegistryWorkWithTheDefaults() throws Exception {
        assertEquals("none\n", okAsUser("env | grep -E '^(JBUILD_|DOCKER_CONFIG)' || echo none").out(),
                "the login shell carries no jbuild variable");

        // The README's main job: the busybox base, the sample built, run.
        okAsUser("bash rootfs.sh busybox.tar && jbuild import busybox.tar busybox:latest");
        okAsUser("jbuild -t app:1.0 sample");
        assertTrue(okAsUser("jbuild run --rm app:1.0").out().contains("hello from jbuild"));
        assertTrue(Files.isRegularFile(home.resolve(".local/share/jbuild/index.json")), "the store is where README says");
        assertTrue(okAsUser("jbuild images").out().contains("app"));

        // File names are bytes, whatever the user's locale: café stays café in the layer (the Dockerfile is ASCII),
        // under chroot isolation, in the README's pod by hand (LC_ALL=C: Java took names as ASCII there, "caf?").
        assertEquals("/caf\u00e9\n", okAsUser("LC_ALL=C ./pod.sh jbuild build -q -t utf:1 utf >/dev/null"
                + " && LC_ALL=C ./pod.sh jbuild run --rm utf:1").out());

        // A private registry: login, push, a build FROM the private base (pulled with the stored credentials).
        String registry = REGISTRY.host();
        assertEquals("Login Succeeded\n",
                okAsUser("echo s3cret | jbuild login -u alice --password-stdin " + registry).out());
        Path config = home.resolve(".docker/config.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        assertEquals(user, Files.getOwner(config, LinkOption.NOFOLLOW_LINKS).getName());
        okAsUser("jbuild tag busybox:latest " + registry + "/private/base:1 && jbuild push " + registry + "/private/base:1");
        okAsUser("jbuild rmi " + registry + "/private/base:1");
        okAsUser("jbuild build -t " + registry + "/private/app:2 private");
        okAsUser("jbuild push " + registry + "/private/app:2");
        okAsUser("jbuild rmi " + registry + "/private/app:2");
        okAsUser("jbuild pull " + registry + "/private/app:2");
        assertEquals("built by root from the private base\n", okAsUser("jbuild run --rm " + registry + "/private/app:2").out());

        // After logout the private image cannot be pulled: one clear line.
        okAsUser("jbuild logout " + registry + " && jbuild rmi " + registry + "/private/app:2");
        assertFalse(Files.readString(config).contains(registry), "logout removed the credentials");
        Result denied = asUser("jbuild pull " + registry + "/private/app:2");
        assertEquals(1, denied.exitCode(), denied::toString);
        List<String> lines = denied.err().lines().toList();
        assertEquals(1, lines.size(), denied::toString);
        assertTrue(lines.get(0).startsWith("jbuild: pull: ") && lines.get(0).contains("authentication required"),
                denied::toString);
    }
}
