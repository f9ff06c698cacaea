package dev.jbuild.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileSourceTest {

    @Test
    void binaryFileIsRefusedWithItsLine() {
        DockerfileException e = assertThrows(DockerfileException.class,
                () -> DockerfileSource.decode("FROM a\nRUN x\u0000y\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("Dockerfile:2: binary data (a NUL byte): not a Dockerfile", e.describe("Dockerfile"));
    }

    @Test
    void invalidUtf8IsRefusedWithItsLine() {
        byte[] bytes = {'F', 'R', 'O', 'M', ' ', 'a', '\n', '#', (byte) 0xC3, '(', '\n'};
        DockerfileException e = assertThrows(DockerfileException.class, () -> DockerfileSource.decode(bytes));
        assertEquals(2, e.line());
    }

    @Test
    void missingDirectoryAndUnreadable(@TempDir Path dir) throws Exception {
        assertEquals("no such file", assertThrows(DockerfileException.class,
                () -> DockerfileSource.read(dir.resolve("nope"))).reason());
        assertEquals("is a directory, not a Dockerfile", assertThrows(DockerfileException.class,
                () -> DockerfileSource.read(dir)).reason());
        Path locked = Files.writeString(dir.resolve("locked"), "FROM a\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(locked)) { // root reads anything
            assertEquals("permission denied", assertThrows(DockerfileException.class,
                    () -> DockerfileSource.read(locked)).reason());
        }
    }

    @Test
    void utf8TextIsReturned() {
        assertEquals("FROM a\nLABEL x=\u2665\n",
                DockerfileSource.decode("FROM a\nLABEL x=\u2665\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hundredThousandLinesParse() {
        StringBuilder sb = new StringBuilder("FROM busybox\n");
        for (int i = 0; i < 100_000; i++) {
            sb.append("RUN echo ").append(i).append(" \\\n  && true\n");
        }
        Dockerfile df = DockerfileParser.parse(sb.toString());
        assertEquals(100_000, df.stages().get(0).instructions().size());
        assertEquals(200_001, df.stages().get(0).instructions().get(99_999).range().endLine());
    }
}
