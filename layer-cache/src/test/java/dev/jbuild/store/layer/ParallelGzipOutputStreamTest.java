package dev.jbuild.store.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parallel gzip stream: any reader reads it, its bytes depend on the input alone, random blocks are stored. */
class ParallelGzipOutputStreamTest {
    @TempDir
    Path tmp;

    /** Text, then random bytes, then text again, over several blocks and ending inside one. */
    private static byte[] mixed() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] text = "a line of a layer's text file, repeated; ".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        byte[] random = new byte[3 * ParallelGzipOutputStream.BLOCK + 777];
        new Random(42).nextBytes(random);
        b.writeBytes(text);
        b.writeBytes(random);
        b.writeBytes(text);
        return b.toByteArray();
    }

    private static byte[] gzip(byte[] data, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(out, 1)) {
            for (int off = 0; off < data.length; off += chunk) {
                gz.write(data, off, Math.min(chunk, data.length - off));
            }
        }
        return out.toByteArray();
    }

    @Test
    void javaAndGnuGzipReadWhatItWrites() throws Exception {
        for (byte[] data : new byte[][] {new byte[0], "x".getBytes(StandardCharsets.US_ASCII), new byte[ParallelGzipOutputStream.BLOCK * 2],
                mixed()}) {
            byte[] compressed = gzip(data, 65536);
            assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(compressed)).readAllBytes());
            Path file = Files.write(tmp.resolve("layer.gz"), compressed);
            Process gunzip = new ProcessBuilder("gzip", "-dc", file.toString()).start();
            byte[] unpacked = gunzip.getInputStream().readAllBytes();
            assertEquals(0, gunzip.waitFor(), new String(gunzip.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            assertArrayEquals(data, unpacked);
        }
    }

    @Test
    void theBytesDependOnTheInputAloneNotOnHowItWasWritten() throws Exception {
        byte[] data = mixed();
        byte[] reference = gzip(data, data.length);
        assertArrayEquals(reference, gzip(data, 1000));
        assertArrayEquals(reference, gzip(data, ParallelGzipOutputStream.BLOCK + 1));
    }

    @Test
    void randomBlocksAreStoredAndTextIsDeflated() throws Exception {
        byte[] random = new byte[8 * ParallelGzipOutputStream.BLOCK];
        new Random(7).nextBytes(random);
        int stored = gzip(random, 65536).length;
        assertTrue(stored < random.length + 8 * 64, "stored blocks cost a few bytes each: " + stored);
        assertTrue(Incompressible.judged(random, ParallelGzipOutputStream.BLOCK));
        byte[] text = "a line of a layer's text file, repeated; ".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        assertTrue(gzip(text, 65536).length < text.length / 20, "text deflates");
        assertTrue(!Incompressible.judged(text, ParallelGzipOutputStream.BLOCK));
    }
}
