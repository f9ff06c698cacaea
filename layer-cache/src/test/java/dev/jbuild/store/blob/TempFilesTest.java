package dev.jbuild.store.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    @Test
    void newFilesAndDirectoriesAreOwnersOnlyAndNamedAfterTheProcess(@TempDir Path dir) throws Exception {
        TempFiles temp = new TempFiles(dir.resolve("tmp"));
        Path file = temp.create("blob");
        Path other = temp.create("blob");
        Path directory = temp.createDirectory("layer");
        String pid = Long.toString(ProcessHandle.current().pid());
        assertTrue(file.getFileName().toString().startsWith(pid + "-blob-") && file.toString().endsWith(".tmp"), file.toString());
        assertTrue(directory.getFileName().toString().startsWith(pid + "-layer-"), directory.toString());
        assertFalse(file.equals(other));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        assertTrue(Files.isDirectory(directory));
    }
}
