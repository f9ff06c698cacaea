package dev.jbuild.registry.http;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * What a request sends: a known number of bytes (sent with Content-Length, streamed, never held in
 * memory whole) that can be read again from the start when the request is retried.
 */
public interface Body {
    /** -1 when not known before the body ends (it goes chunked). */
    long length();

    /** Whether {@link #open} may be called again, so that the request can be sent again. */
    default boolean repeatable() {
        return true;
    }

    /** Null when the request names none. */
    String contentType();

    /** A fresh stream of the body from its first byte. */
    InputStream open() throws IOException;

    static Body empty() {
        return bytes(new byte[0], null);
    }

    static Body bytes(byte[] content, String contentType) {
        return new Body() {
            @Override
            public long length() {
                return content.length;
            }

            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(content);
            }
        };
    }

    /** What {@code content} gives as it comes, of a length not known beforehand; it can be sent once. */
    static Body once(InputStream content, String contentType) {
        return new Body() {
            private boolean opened;

            @Override
            public long length() {
                return -1;
            }

            @Override
            public boolean repeatable() {
                return false;
            }

            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public synchronized InputStream open() throws IOException {
                if (opened) {
                    throw new IOException("a body that is being made can be sent once");
                }
                opened = true;
                return content;
            }
        };
    }

    /** {@code length} bytes of a file from {@code offset}; {@code sent} hears the file offset reached as they go. */
    static Body fileRange(Path file, long offset, long length, LongConsumer sent) {
        return new Body() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public String contentType() {
                return "application/octet-stream";
            }

            @Override
            public InputStream open() throws IOException {
                FileChannel channel = FileChannel.open(file);
                channel.position(offset);
                return new ReportingStream(Channels.newInputStream(channel), offset, offset + length, sent);
            }
        };
    }

    /** Reads a file up to {@code end}, telling how far reading has come. */
    final class ReportingStream extends FilterInputStream {
        private final long end;
        private final LongConsumer sent;
        private long position;

        ReportingStream(InputStream in, long start, long end, LongConsumer sent) {
            super(in);
            this.position = start;
            this.end = end;
            this.sent = sent;
        }

        @Override
        public int read() throws IOException {
            if (position >= end) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                sent.accept(++position);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = super.read(buffer, off, (int) Math.min(len, end - position));
            if (n > 0) {
                position += n;
                sent.accept(position);
            }
            return n;
        }
    }
}
