package dev.jbuild.executor.emulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One entry of /proc/sys/fs/binfmt_misc: an interpreter the kernel runs for files whose bytes at
 * {@code offset} match {@code magic} under {@code mask}. {@code fixBinary} is the F flag: the
 * interpreter was opened when it was registered, so it works inside any root (a build's too).
 */
record BinfmtHandler(String name, boolean enabled, String interpreter, boolean fixBinary, int offset, byte[] magic, byte[] mask) {

    /** Reads an entry file; empty for an extension-based entry or one that cannot be read. */
    static Optional<BinfmtHandler> read(Path entry) {
        List<String> lines;
        try {
            lines = Files.readAllLines(entry);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        boolean enabled = false;
        String interpreter = null;
        String flags = "";
        int offset = 0;
        byte[] magic = null;
        byte[] mask = null;
        for (String line : lines) {
            String value = line.substring(line.indexOf(' ') + 1).trim();
            if (line.equals("enabled")) {
                enabled = true;
            } else if (line.startsWith("interpreter ")) {
                interpreter = value;
            } else if (line.startsWith("flags:")) {
                flags = line.substring(6).trim();
            } else if (line.startsWith("offset ")) {
                offset = Integer.parseInt(value);
            } else if (line.startsWith("magic ")) {
                magic = HexFormat.of().parseHex(value);
            } else if (line.startsWith("mask ")) {
                mask = HexFormat.of().parseHex(value);
            }
        }
        if (magic == null || interpreter == null) {
            return Optional.empty();
        }
        return Optional.of(new BinfmtHandler(entry.getFileName().toString(), enabled, interpreter, flags.contains("F"), offset,
                magic, mask));
    }

    /** Whether the kernel would hand a file starting with {@code header} to this interpreter. */
    boolean matches(byte[] header) {
        if (offset + magic.length > header.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            int m = mask == null ? 0xff : mask[i] & 0xff;
            if ((header[offset + i] & m) != (magic[i] & m)) {
                return false;
            }
        }
        return true;
    }
}
