package dev.jbuild.executor.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The build information Go (1.18 and later) embeds in every binary: the ".go.buildinfo" block begins,
 * 16-byte aligned, with "\xff Go buildinf:", then a pointer size and flags; with flag 2 the Go version
 * and the module information follow inline, each a varint-prefixed string. The module information is
 * text between two 16-byte sentinels: "path", "mod" (the main module) and "dep" lines (its
 * dependencies), each dep possibly followed by a "=>" replacement.
 */
final class GoBuildInfo {
    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int SENTINEL = 16;

    private GoBuildInfo() {
    }

    /** The first bytes of an ELF file. */
    static boolean isElf(byte[] head) {
        return head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    }

    /** The modules of a Go binary (the main one first); none for any other file. */
    static List<SoftwarePackage> read(InputStream binary, String imagePath) throws IOException {
        byte[] block = find(binary);
        if (block == null || (block[15] & 2) == 0) {
            return List.of(); // not Go, or before 1.18 (pointers into the data, not read here)
        }
        int[] at = {32};
        String goVersion = string(block, at);
        String modinfo = string(block, at);
        if (goVersion == null || modinfo == null || modinfo.length() < 2 * SENTINEL) {
            return List.of();
        }
        List<SoftwarePackage> modules = new ArrayList<>();
        for (String line : modinfo.substring(SENTINEL, modinfo.length() - SENTINEL).split("\n")) {
            String[] f = line.split("\t");
            if ((f[0].equals("mod") || f[0].equals("dep")) && f.length >= 3) {
                modules.add(module(f[1], f[2], imagePath));
            } else if (f[0].equals("=>") && f.length >= 3 && !modules.isEmpty()) {
                modules.set(modules.size() - 1, module(f[1], f[2], imagePath)); // what the build really used
            }
        }
        return modules;
    }

    private static SoftwarePackage module(String path, String version, String imagePath) {
        int slash = path.lastIndexOf('/');
        String namespace = slash < 0 ? null : path.substring(0, slash);
        String name = slash < 0 ? path : path.substring(slash + 1);
        String v = version.equals("(devel)") ? "" : version;
        return new SoftwarePackage("golang", path, version, Purls.of("golang", namespace, name, v, null), imagePath, null);
    }

    /** The 16-aligned block that starts with the magic, and what follows it (up to 64 KiB); null when none. */
    private static byte[] find(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 20];
        long offset = 0;
        int filled = 0;
        while (true) {
            int n = in.readNBytes(buf, filled, buf.length - filled);
            filled += n;
            for (int i = (int) ((16 - offset % 16) % 16); i + MAGIC.length <= filled; i += 16) {
                if (matches(buf, i)) {
                    byte[] block = new byte[65536];
                    int have = Math.min(filled - i, block.length);
                    System.arraycopy(buf, i, block, 0, have);
                    in.readNBytes(block, have, block.length - have);
                    return block;
                }
            }
            if (n == 0 || filled < buf.length) {
                return null;
            }
            int keep = 64; // a magic across the boundary is found again after the shift (64 is a multiple of 16)
            System.arraycopy(buf, filled - keep, buf, 0, keep);
            offset += filled - keep;
            filled = keep;
        }
    }

    private static boolean matches(byte[] buf, int at) {
        for (int j = 0; j < MAGIC.length; j++) {
            if (buf[at + j] != MAGIC[j]) {
                return false;
            }
        }
        return true;
    }

    /** A uvarint length, then that many bytes; null when it runs past the block. */
    private static String string(byte[] b, int[] at) {
        long length = 0;
        int shift = 0;
        while (at[0] < b.length) {
            int x = b[at[0]++] & 0xff;
            length |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                if (length < 0 || at[0] + length > b.length) {
                    return null;
                }
                String s = new String(b, at[0], (int) length, StandardCharsets.ISO_8859_1);
                at[0] += (int) length;
                return s;
            }
            shift += 7;
        }
        return null;
    }
}
