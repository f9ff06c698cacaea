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
import java.util.ArrayList;
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

    private static Digest digest(FileHashes hashes, Path file, String name) throws IOException {
        return hashes.digests(List.of(file), List.of(name)).get(0);
    }

    @Test
    void anUnchangedFileIsNotReadAgainAndAnyChangeIsSeen() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Path context = Files.createDirectories(tmp.resolve("ctx"));
        Path file = Files.writeString(context.resolve("app.js"), "one");
        Digest real = Digest.of("one".getBytes(StandardCharsets.UTF_8));

        FileHashes first = FileHashes.of(store, context).orElseThrow();
        assertEquals(real, digest(first, file, "app.js"));
        first.save();
        plant(remembered(store, context));
        FileHashes second = FileHashes.of(store, context).orElseThrow();
        assertEquals(PLANTED, digest(second, file, "app.js"), "trusted: nothing about the file changed");
        second.save();
        assertTrue(Files.readString(remembered(store, context)).contains(PLANTED.hex()), "an unchanged list is left as it is");

        // Same size, the old mtime put back: only ctime tells, and it does.
        FileTime mtime = Files.getLastModifiedTime(file);
        Files.writeString(file, "two");
        Files.setLastModifiedTime(file, mtime);
        FileHashes after = FileHashes.of(store, context).orElseThrow();
        assertEquals(Digest.of("two".getBytes(StandardCharsets.UTF_8)), digest(after, file, "app.js"));
        after.save();
        assertTrue(Files.readString(remembered(store, context)).contains(Digest.of("two".getBytes(StandardCharsets.UTF_8)).hex()),
                "the new digest is kept");

        // Replaced by another file (another inode) of the same size and times: read again.
        plant(remembered(store, context));
        Path other = Files.writeString(context.resolve("other"), "two");
        Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(Digest.of("two".getBytes(StandardCharsets.UTF_8)), digest(FileHashes.of(store, context).orElseThrow(), file, "app.js"));
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
        assertEquals(Digest.of("a".getBytes(StandardCharsets.UTF_8)), digest(hashes, file, "a"));
        hashes.save();
        assertTrue(Files.readString(remembered(store, context)).endsWith(" a\n"), "written again whole");
    }

    @Test
    void theListIsFollowedInTheWalksOrderPastFilesAddedAndRemoved() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Path context = Files.createDirectories(tmp.resolve("ctx"));
        List<Path> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            names.add(String.format("f%04d", i));
            files.add(Files.writeString(context.resolve(names.get(i)), "content " + i));
        }
        FileHashes first = FileHashes.of(store, context).orElseThrow();
        first.digests(files.subList(0, 500), names.subList(0, 500)); // two windows, as a walk hands them over
        first.digests(files.subList(500, 1000), names.subList(500, 1000));
        first.save();
        plant(remembered(store, context));

        // f0100 is gone, f0500x is new: every other file is still taken from the list, in order.
        Files.delete(files.get(100));
        Path added = Files.writeString(context.resolve("f0500x"), "new");
        List<Path> nowFiles = new ArrayList<>(files);
        List<String> nowNames = new ArrayList<>(names);
        nowFiles.remove(100);
        nowNames.remove(100);
        nowFiles.add(500, added);
        nowNames.add(500, "f0500x");
        List<Digest> digests = FileHashes.of(store, context).orElseThrow().digests(nowFiles, nowNames);
        assertEquals(Digest.of("new".getBytes(StandardCharsets.UTF_8)), digests.get(500), "a new file is read");
        assertEquals(999, digests.stream().filter(PLANTED::equals).count(), "the others are remembered");

        // Looked up far out of the list's order: read again, never another file's digest.
        FileHashes reversed = FileHashes.of(store, context).orElseThrow();
        List<Digest> back = reversed.digests(List.of(files.get(999), files.get(0)), List.of(names.get(999), names.get(0)));
        assertEquals(List.of(Digest.of("content 999".getBytes(StandardCharsets.UTF_8)), PLANTED), back);
    }
}
