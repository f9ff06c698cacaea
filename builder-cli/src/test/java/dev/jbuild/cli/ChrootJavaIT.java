package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow: what Java users build, in the CI pod without privileges (testdata/java-app): apt installs
 * openjdk-17-jdk-headless and maven (whose post-installation scripts need /proc mounted), `mvn package`
 * builds a jar, a last stage runs it and reads /proc and /dev. The image runs `java -jar`, and equals the
 * rootless build's ({@link PodParity}). Maven takes its plugins from a repository in the context, resolved
 * by the host's Maven from this user's ~/.m2 (where jbuild's own build put them), so no network is needed
 * for Maven; apt uses Debian's mirror, as ChrootDebianIT does.
 */
@Tag("slow")
class ChrootJavaIT {
    private static final Path APP = JbuildProcess.PROJECT.resolve("testdata/java-app");
    private static final Pattern PLACEHOLDER = Pattern.compile("@(maven-[a-z]+-plugin)@");

    @TempDir
    Path work;

    @Test
    void aMavenProjectBuildsInThePodOnADebianJdkAsTheSameImageAsRootless() throws Exception {
        Fixtures.requireTool("mvn");
        PodParity parity = PodParity.withDebian(work);
        Path context = context();
        // ldconfig's cache records the libraries' inode numbers and ctimes; a keystore made at install time, the time.
        parity.buildBothAndCompare(context.toString(), "java-app:1", name -> ChrootDebianIT.recordsTheClock(name)
                || name.equals("var/cache/ldconfig/aux-cache") || name.equals("etc/ssl/certs/java/cacerts"));
        assertEquals("hello from a jar built under chroot isolation, 17\n", parity.inPod("run", "--rm", "java-app:1").out());
        assertEquals("hello from a jar built under chroot isolation, 17\n1\nsh\n/dev/null\n/dev/urandom\n",
                parity.inPod("run", "--rm", "java-app:1", "cat", "/app/ran", "/app/proc", "/app/ps", "/app/devices").out(),
                "the JVM ran in a RUN step; the step had its /proc, its ps and /dev's nodes");
        parity.removePod();
    }

    /** testdata/java-app with jbuild's own plugin versions, and m2/: the repository `mvn package` needs, taken from ~/.m2. */
    private Path context() throws Exception {
        Path context = Files.createDirectories(work.resolve("java-app"));
        assertEquals(0, Fixtures.exec("cp", "-r", APP + "/.", context.toString()).exitCode());
        String rootPom = Files.readString(JbuildProcess.PROJECT.resolve("pom.xml"));
        Matcher m = PLACEHOLDER.matcher(Files.readString(APP.resolve("pom.xml")));
        StringBuilder pom = new StringBuilder();
        while (m.find()) {
            Matcher version = Pattern.compile("<artifactId>" + m.group(1) + "</artifactId>\\s*<version>([^<]+)</version>").matcher(rootPom);
            assertTrue(version.find(), m.group(1) + " has a version in jbuild's pom.xml");
            m.appendReplacement(pom, version.group(1));
        }
        m.appendTail(pom);
        Files.writeString(context.resolve("pom.xml"), pom);
        Path userRepository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path settings = Files.writeString(work.resolve("settings.xml"), "<settings><mirrors><mirror><id>central</id>"
                + "<mirrorOf>*</mirrorOf><url>" + userRepository.toUri() + "</url></mirror></mirrors></settings>");
        Result mvn = Fixtures.exec("mvn", "-B", "-q", "-f", context.resolve("pom.xml").toString(), "-s", settings.toString(),
                "-Dmaven.repo.local=" + context.resolve("m2"), "package");
        assertEquals(0, mvn.exitCode(), () -> "the host's Maven resolves the plugins from " + userRepository + ":\n" + mvn);
        assertEquals(0, Fixtures.exec("rm", "-rf", context.resolve("target").toString()).exitCode());
        return context;
    }
}
