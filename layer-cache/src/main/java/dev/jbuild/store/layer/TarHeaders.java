package dev.jbuild.store.layer;

import java.nio.charset.StandardCharsets;

/** Recognizes the first block of a tar archive by its header checksum (old v7 archives have no magic). */
final class TarHeaders {
    static final int BLOCK = 512;

    private TarHeaders() {
    }

    /** True for a valid header block, or an all-zero block (an empty archive). */
    static boolean looksLikeTar(byte[] block, int length) {
        if (length < BLOCK) {
            return false;
        }
        boolean allZero = true;
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = block[i] & 0xff;
            allZero &= b == 0;
            sum += (i >= 148 && i < 156) ? ' ' : b;
        }
        if (allZero) {
            return true;
        }
        String field = new String(block, 148, 8, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
        try {
            return !field.isEmpty() && Long.parseLong(field, 8) == sum;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
