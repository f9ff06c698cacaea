package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.StoreException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Every failure is one short line: a hostile layer's 10 kB path name is cut to its ends. */
class ErrorReporterTest {
    @Test
    void aHugeWordIsShortenedToItsEndsAndTheRestOfTheLineKept() {
        String path = "a/".repeat(5000) + "tail.txt";
        StringWriter out = new StringWriter();
        int code = ErrorReporter.report(new StoreException("layer sha256:ab: " + path + ": escapes the root"), "pull", false,
                new PrintWriter(out));
        assertEquals(1, code);
        String line = out.toString();
        assertEquals(1, line.lines().count());
        assertTrue(line.length() < 400, line);
        assertTrue(line.startsWith("jbuild: pull: layer sha256:ab: a/a/a/"), line);
        assertTrue(line.endsWith("a/a/tail.txt: escapes the root\n"), line);
        assertTrue(line.contains("...(" + (path.length() + 1 - 180) + " more characters)..."), line);
    }

    @Test
    void anOrdinaryLineIsLeftAsItIs() {
        assertEquals("pull: no such image", ErrorReporter.oneLine("pull: no such image"));
    }
}
