package dev.jbuild.store.filehash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A context's digests kept between builds, trusted only while size, mtime, ctime and inode match. */
class FileHashesTest {
    @TempDir
    Path tmp;

    private static final Digest PLANTED = Digest.sha256("ab".repeat(32));

    private Path remembered(Store store, Path context) throws IOException {
        Digest key = Digest.of(context.toRealPath().toString().getBytes(StandardCharsets.UTF_8));
        return store.root().resolve("file-hashes").resolve(key.hex());
    }

    /** Replaces every remembered digest with PLANTED: what comes back then was taken from the store, not read. */
    private void plant(Path list) throws IOException {
        List<String> lines = Files.readAllLines(list).stream().map(l -> l.replaceFirst("[0-9a-f]{64}", PLANTED.hex())).toList();
        Files.write(list, lines);
    }

    @Test
    void anUnchangedFileIsNotReadAgainAndAnyChangeIsSeen() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Path context = Files.createDirectories(tmp.resolve("ctx"));
        Path file = Files.writeString(context.resolve("app.js"), "one");
        Digest real = Digest.of("one".getBytes(StandardCharsets.UTF_8));

        FileHashes first = FileHashes.of(store, context).orElseThrow();
        assertEquals(real, first.digest(file, "app.js"));
        first.save();
        plant(remembered(store, context));
        assertEquals(PLANTED, FileHashes.of(store, context).orElseThrow().digest(file, "app.js"), "trusted: nothing about the file changed");

        // Same size, the old mtime put back: only ctime tells, and it does.
        FileTime mtime = Files.getLastModifiedTime(file);
        Files.writeString(file, "two");
        Files.setLastModifiedTime(file, mtime);
        FileHashes after = FileHashes.of(store, context).orElseThrow();
        assertEquals(Digest.of("two".getBytes(StandardCharsets.UTF_8)), after.digest(file, "app.js"));
        after.save();
        assertTrue(Files.readString(remembered(store, context)).contains(Digest.of("two".getBytes(StandardCharsets.UTF_8)).hex()),
                "the new digest is kept");

        // Replaced by another file (another inode) of the same size and times: read again.
        plant(remembered(store, context));
        Path other = Files.writeString(context.resolve("other"), "two");
        Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(Digest.of("two".getBytes(StandardCharsets.UTF_8)), FileHashes.of(store, context).orElseThrow().digest(file, "app.js"));
    }

    @Test
    void aContextTheStoreHoldsForOneBuildIsNotRemembered() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Path unpacked = store.temp().createDirectory("context");
        assertTrue(FileHashes.of(store, unpacked).isEmpty(), "a tarball's or git context's files are not seen again");
        assertTrue(FileHashes.of(store, Files.createDirectories(tmp.resolve("ctx"))).isPresent());
    }

    @Test
    void aDamagedListIsHashedAnewAndWrittenAgain() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Path context = Files.createDirectories(tmp.resolve("ctx"));
        Path file = Files.writeString(context.resolve("a"), "a");
        Files.createDirectories(remembered(store, context).getParent());
        Files.writeString(remembered(store, context), "garbage line\n12 x y z " + PLANTED.hex() + " a\n");
        FileHashes hashes = FileHashes.of(store, context).orElseThrow();
        assertEquals(Digest.of("a".getBytes(StandardCharsets.UTF_8)), hashes.digest(file, "a"));
        hashes.save();
        assertTrue(Files.readString(remembered(store, context)).endsWith(" a\n"), "written again whole");
    }
}
