package dev.jbuild.registry.http;

import dev.jbuild.store.Ascii;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A response: status, headers (names in any case) and the body as a stream, which closing lets go. */
public final class Response implements Closeable {
    private final int code;
    private final Map<String, List<String>> headers;
    private final InputStream body;

    /** {@code headers} may hold a null name (HttpURLConnection's status line): it is left out. */
    public Response(int code, Map<String, List<String>> headers, InputStream body) {
        this.code = code;
        this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && !e.getValue().isEmpty()) {
                this.headers.put(e.getKey(), e.getValue());
            }
        }
        this.body = body == null ? InputStream.nullInputStream() : body;
    }

    public int code() {
        return code;
    }

    /** The header's first value, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    public String header(String name, String fallback) {
        String value = header(name);
        return value == null ? fallback : value;
    }

    public InputStream body() {
        return body;
    }

    /**
     * The whole body, which may not exceed {@code limit} bytes: refused by its Content-Length before
     * reading, or at the first byte past the limit. {@code what} names it in the error.
     */
    public byte[] bytes(long limit, String what) throws IOException {
        String message = what + " is larger than " + (limit >> 20) + " MiB, more than a registry may send";
        String length = header("Content-Length", "").trim();
        if (!length.isEmpty() && Ascii.isDigits(length, 0, length.length()) && (length.length() > 18 || Long.parseLong(length) > limit)) {
            throw new IOException(message);
        }
        return new BoundedStream(body, limit, message).readAllBytes();
    }

    /** The body's first 16 KiB as text: what an error message quotes. */
    public String text() throws IOException {
        return new String(body.readNBytes(16 << 10), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
