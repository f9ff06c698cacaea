package dev.jbuild.store.tree;

import dev.jbuild.store.tar.TarEntry;
import dev.jbuild.store.tar.TarReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a layer's entries at the door (import, load) by the rules extraction enforces: no absolute
 * names, no "..", no path through a symlink of the same layer, no hard link to anything but a file
 * the layer has already made. So an image that could never be extracted is refused when it comes in,
 * not at its first run. Works on names alone while the bytes stream through unchanged.
 */
public final class EntryCheck {
    private enum Kind { DIRECTORY, LINK, OTHER }

    private final String source;
    private final Map<String, Kind> seen = new HashMap<>();

    private EntryCheck(String source) {
        this.source = source;
    }

    /** Copies the tar {@code in} to {@code out} byte for byte, refusing it at the first unsafe entry. */
    public static void copyChecked(InputStream in, OutputStream out, String source) throws IOException {
        InputStream tee = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    out.write(b);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    out.write(b, off, n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException { // skipped content is copied too
                byte[] buffer = new byte[(int) Math.min(Math.max(n, 1), 1 << 16)];
                long skipped = 0;
                for (int r; skipped < n && (r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped))) > 0; ) {
                    skipped += r;
                }
                return skipped;
            }
        };
        EntryCheck check = new EntryCheck(source);
        TarReader tar = new TarReader(tee);
        for (TarEntry entry = tar.next(); entry != null; entry = tar.next()) {
            check.accept(entry);
        }
        tee.transferTo(OutputStream.nullOutputStream()); // the end blocks and any padding, through the tee
    }

    private void accept(TarEntry entry) {
        String name = TreeExtractor.clean(entry.name(), source, entry.name());
        if (name.isEmpty()) {
            return;
        }
        checkParents(name, entry.name());
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (base.startsWith(Whiteouts.PREFIX)) {
            if (!base.equals(Whiteouts.OPAQUE) && !base.startsWith(Whiteouts.PREFIX + Whiteouts.PREFIX)) {
                forget(name.substring(0, name.length() - base.length()) + base.substring(Whiteouts.PREFIX.length()));
            }
            return;
        }
        if (entry.type() == TarEntry.Type.HARDLINK) {
            String target = TreeExtractor.clean(entry.linkName(), source, entry.name());
            checkParents(target, entry.name());
            if (seen.get(target) != Kind.OTHER) {
                throw new UnsafeEntryException(source, entry.name(), "hard link to '" + entry.linkName()
                        + "', which is not a file of this layer");
            }
        }
        if (seen.get(name) == Kind.DIRECTORY && entry.type() != TarEntry.Type.DIRECTORY) {
            forget(name); // a later entry replaces a directory with all it held
        }
        seen.put(name, switch (entry.type()) {
            case DIRECTORY -> Kind.DIRECTORY;
            case SYMLINK -> Kind.LINK;
            default -> Kind.OTHER;
        });
    }

    private void checkParents(String name, String entry) {
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
            String parent = name.substring(0, slash);
            Kind kind = seen.get(parent);
            if (kind == Kind.LINK) {
                throw new UnsafeEntryException(source, entry, "its path goes through the symlink '" + parent + "'");
            }
            if (kind == Kind.OTHER) {
                throw new UnsafeEntryException(source, entry, "'" + parent + "' is not a directory");
            }
        }
    }

    private void forget(String name) {
        seen.remove(name);
        String prefix = name + "/";
        seen.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
