package dev.jbuild.store.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.tar.TarEntry;
import dev.jbuild.store.tar.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malicious layers: each escape is refused with a message naming the entry, and nothing lands outside. */
class UnsafeExtractionTest {
    @TempDir
    Path tmp;
    Path root;
    Path outside;

    @BeforeEach
    void dirs() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "untouched");
    }

    private static byte[] tar(List<TarEntry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(out)) {
            for (TarEntry e : entries) {
                byte[] content = e.hasContent() ? "x".repeat((int) e.size()).getBytes(StandardCharsets.US_ASCII) : new byte[0];
                w.write(e, new ByteArrayInputStream(content));
            }
        }
        return out.toByteArray();
    }

    private UnsafeEntryException refused(TarEntry... entries) throws IOException {
        byte[] layer = tar(List.of(entries));
        UnsafeEntryException e = assertThrows(UnsafeEntryException.class,
                () -> new TreeExtractor(false).extract(new ByteArrayInputStream(layer), root, "layer evil"));
        assertEquals("untouched", Files.readString(outside.resolve("secret")));
        try (var files = Files.list(outside)) {
            assertEquals(1, files.count(), "nothing was written outside");
        }
        // import and load refuse the same layer at the door, before it is stored
        UnsafeEntryException atTheDoor = assertThrows(UnsafeEntryException.class,
                () -> EntryCheck.copyChecked(new ByteArrayInputStream(layer), OutputStream.nullOutputStream(), "layer evil"));
        assertTrue(atTheDoor.getMessage().startsWith("layer evil: refusing entry '" + entries[entries.length - 1].name() + "'"),
                atTheDoor.getMessage());
        return e;
    }

    private static TarEntry symlink(String name, String target) {
        return new TarEntry(name, TarEntry.Type.SYMLINK, 0777, 0, 0, 0, 0, target, 0, 0, Map.of());
    }

    private static TarEntry hardlink(String name, String target) {
        return new TarEntry(name, TarEntry.Type.HARDLINK, 0644, 0, 0, 0, 0, target, 0, 0, Map.of());
    }

    @Test
    void dotDotIsRefused() throws IOException {
        UnsafeEntryException e = refused(TarEntry.file("../outside/pwned", 0644, 1, 0));
        assertEquals("layer evil: refusing entry '../outside/pwned': '..' leads outside the layer", e.getMessage());
    }

    @Test
    void dotDotInTheMiddleIsRefused() throws IOException {
        refused(TarEntry.directory("a/", 0755, 0), TarEntry.file("a/../../outside/pwned", 0644, 1, 0));
        assertFalse(Files.exists(tmp.resolve("outside/pwned")));
    }

    @Test
    void absolutePathIsRefused() throws IOException {
        UnsafeEntryException e = refused(TarEntry.file(outside.resolve("pwned").toString(), 0644, 1, 0));
        assertTrue(e.getMessage().endsWith("absolute path"), e.getMessage());
    }

    @Test
    void pathThroughSymlinkLeadingOutsideIsRefused() throws IOException {
        UnsafeEntryException e = refused(symlink("escape", outside.toString()), TarEntry.file("escape/secret", 0644, 1, 0));
        assertEquals("layer evil: refusing entry 'escape/secret': its path goes through the symlink 'escape' -> '"
                + outside + "'", e.getMessage());
    }

    @Test
    void relativeSymlinkClimbingOutIsRefused() throws IOException {
        refused(symlink("up", "../outside"), TarEntry.file("up/pwned", 0644, 1, 0));
    }

    @Test
    void directoryReplacedBySymlinkIsNoLongerTrusted() throws IOException {
        refused(TarEntry.directory("d/", 0755, 0), TarEntry.file("d/ok", 0644, 1, 0), symlink("d", outside.toString()),
                TarEntry.file("d/pwned", 0644, 1, 0));
    }

    @Test
    void hardLinkToOutsideIsRefused() throws IOException {
        UnsafeEntryException e = refused(hardlink("stolen", "../outside/secret"));
        assertTrue(e.getMessage().contains("'stolen'"), e.getMessage());
    }

    @Test
    void hardLinkThroughSymlinkIsRefused() throws IOException {
        UnsafeEntryException e = refused(symlink("escape", outside.toString()), hardlink("stolen", "escape/secret"));
        assertTrue(e.getMessage().contains("symlink 'escape'"), e.getMessage());
        assertFalse(Files.exists(root.resolve("stolen")));
    }

    @Test
    void hardLinkToAbsolutePathIsRefused() throws IOException {
        refused(hardlink("stolen", outside.resolve("secret").toString()));
    }

    @Test
    void symlinksThemselvesMayPointAnywhere() throws IOException {
        byte[] layer = tar(List.of(symlink("etc-link", "/etc"), TarEntry.file("file", 0644, 1, 0), hardlink("again", "file")));
        new TreeExtractor(false).extract(new ByteArrayInputStream(layer), root, "layer ok");
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        EntryCheck.copyChecked(new ByteArrayInputStream(layer), copy, "layer ok");
        assertTrue(java.util.Arrays.equals(layer, copy.toByteArray()), "checked at the door, byte for byte the same");
        assertEquals(Path.of("/etc"), Files.readSymbolicLink(root.resolve("etc-link")));
        assertEquals("x", Files.readString(root.resolve("again")));
    }
}
