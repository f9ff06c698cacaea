package dev.jbuild.dockerfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a Dockerfile's text, refusing binary files and invalid UTF-8 with the line they occur on. */
public final class DockerfileSource {
    private DockerfileSource() {
    }

    /** Throws DockerfileException (line 0 for the whole file) with a message fit for the user. */
    public static String read(Path path) {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new DockerfileException(0, "is a directory, not a Dockerfile");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new DockerfileException(0, "no such file");
        } catch (AccessDeniedException e) {
            throw new DockerfileException(0, "permission denied");
        } catch (OutOfMemoryError e) {
            throw new DockerfileException(0, "too large to read");
        } catch (IOException e) {
            throw new DockerfileException(0, "cannot read: " + e.getMessage());
        }
        return decode(bytes);
    }

    public static String decode(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new DockerfileException(lineOf(bytes, i), "binary data (a NUL byte): not a Dockerfile");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
            throw new DockerfileException(lineOf(bytes, in.position()), "invalid UTF-8: a Dockerfile must be UTF-8 text");
        }
        return out.flip().toString();
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
