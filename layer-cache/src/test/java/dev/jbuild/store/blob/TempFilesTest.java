package dev.jbuild.store.blob;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {

    @Test
    void removesOnlyWhatDeadProcessesLeft(@TempDir Path dir) throws Exception {
        TempFiles temp = new TempFiles(dir);
        Path mine = temp.create("blob");
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path dead = Files.writeString(dir.resolve(p.pid() + "-blob-1.tmp"), "half a blob");
        Path deadDir = Files.createDirectories(dir.resolve(p.pid() + "-layer-2").resolve("sub"));
        Path foreign = Files.writeString(dir.resolve("not-ours"), "x");
        temp.removeAbandoned();
        assertTrue(Files.exists(mine));
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(deadDir.getParent()));
        assertTrue(Files.exists(foreign));
    }
}
