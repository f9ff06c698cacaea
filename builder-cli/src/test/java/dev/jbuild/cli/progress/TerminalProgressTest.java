package dev.jbuild.cli.progress;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.Digest;
import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.store.copy.Outcome;
import dev.jbuild.store.oci.Descriptor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    @Test
    void linesAreRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalProgress p = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), BlobWords.PULL);
        Digest a = Digest.sha256("a".repeat(64));
        Digest b = Digest.sha256("b".repeat(64));
        p.update(a, 500_000, 2_000_000);
        p.finished(Descriptor.of("x", b, 1), Outcome.PRESENT);
        p.finished(Descriptor.of("x", a, 2_000_000), Outcome.WRITTEN);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\033[2Kaaaaaaaaaaaa: Downloading 0.5MB/2.0MB\n"), out);
        assertTrue(out.contains("\033[1A\033[2Kaaaaaaaaaaaa: Downloading 0.5MB/2.0MB\n\033[2Kbbbbbbbbbbbb: Already exists\n"), out);
        assertTrue(out.endsWith("\033[2A\033[2Kaaaaaaaaaaaa: Pull complete\n\033[2Kbbbbbbbbbbbb: Already exists\n"), out);
    }
}
