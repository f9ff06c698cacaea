package dev.jbuild.store.filehash;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;

/** The last build's list read forward, a few lines ahead of the name looked for (see {@link FileHashes}). */
final class RememberedList {
    /** Lines looked at past the next one: files added or removed since, or looked up in another order. */
    private static final int LOOK_AHEAD = 256;
    private final BufferedReader in;
    private final ArrayDeque<Remembered> ahead = new ArrayDeque<>();
    private boolean strayed;

    private RememberedList(BufferedReader in) {
        this.in = in;
    }

    static RememberedList open(Path list) {
        try {
            return new RememberedList(Files.newBufferedReader(list, StandardCharsets.UTF_8));
        } catch (IOException e) { // none yet, or unreadable: everything is hashed anew
            return new RememberedList(new BufferedReader(java.io.Reader.nullReader()));
        }
    }

    /**
     * The line for {@code name} within the look-ahead, and the ones before it dropped; null when
     * not there. Either of those makes the next list differ from this one ({@link #strayed}).
     */
    Remembered take(String name) {
        fill();
        Iterator<Remembered> it = ahead.iterator();
        for (int i = 0; it.hasNext(); i++) {
            if (it.next().name().equals(name)) {
                strayed |= i > 0;
                for (int skipped = 0; skipped < i; skipped++) {
                    ahead.removeFirst();
                }
                return ahead.removeFirst();
            }
        }
        strayed = true;
        return null;
    }

    /** Whether every line so far was taken in its turn and the list is read to its end. */
    boolean followedToTheEnd() {
        fill();
        return !strayed && ahead.isEmpty();
    }

    private void fill() {
        try {
            while (ahead.size() < LOOK_AHEAD) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                Remembered r = Remembered.parse(line);
                if (r != null) {
                    ahead.addLast(r);
                }
            }
        } catch (IOException e) {
            ahead.clear(); // a damaged list: what is left of it is hashed anew
        }
    }

    void close() throws IOException {
        in.close();
    }
}
