package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store is its owner's alone: made 0700, and an older, wider store tightened when it is opened. */
class PrivateStoreTest {
    @TempDir
    Path tmp;

    @Test
    void aNewStoreIsMadeOwnerOnly() throws Exception {
        Path root = tmp.resolve("a/b/store");
        Store.open(root);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
    }

    @Test
    void anOpenStoreIsTightenedAndKeepsWhatItHolds() throws Exception {
        Path root = tmp.resolve("store");
        Store.open(root);
        Files.writeString(root.resolve("blobs/sha256/kept"), "x");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
        Store.open(root);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        assertEquals("x", Files.readString(root.resolve("blobs/sha256/kept")));
    }
}
