package dev.jbuild.registry.http;

import dev.jbuild.store.Ascii;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One request whose body's length is not known when it starts (a blob sent while it is still being
 * made), sent with chunked transfer coding over a connection of its own, which it closes after the
 * answer. HttpURLConnection refuses PATCH, the method the distribution API takes for such a body, and
 * java.net.http's PATCH moved 52 MB over loopback in 1.1 s where this takes 0.4 s (measured, with its
 * start-up). The caller sends the body whole instead where this cannot go: through a proxy.
 */
final class ChunkedExchange {
    private static final int CHUNK = 1 << 16;
    private static final int HEADERS_LIMIT = 64 << 10;

    private ChunkedExchange() {
    }

    static Response send(Request request, Tls.Source tls, Duration connectTimeout, Duration ioTimeout) throws IOException {
        URI uri = request.uri();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) ioTimeout.toMillis());
            if (https) {
                socket = secured(socket, uri.getHost(), port, tls.load());
            }
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), CHUNK + 16);
            out.write(head(request, uri, port).getBytes(StandardCharsets.ISO_8859_1));
            Socket connection = socket;
            StalledWrites.send(request.body().open(), new Chunks(out), () -> closeQuietly(connection), ioTimeout);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int code = statusCode(line(in));
            Map<String, List<String>> headers = headers(in);
            List<String> length = headers.get("Content-Length");
            InputStream body = length != null && !request.method().equals("HEAD")
                    ? new ExactLengthStream(in, Long.parseLong(length.get(0).trim())) : InputStream.nullInputStream();
            return new Response(code, headers, new ClosingStream(body, socket));
        } catch (NumberFormatException e) {
            closeQuietly(socket);
            throw new IOException(uri.getHost() + " answered with a malformed Content-Length");
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private static Socket secured(Socket plain, String host, int port, Tls tls) throws IOException {
        SSLContext context;
        try {
            context = tls.context() != null ? tls.context() : SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no TLS in this Java", e);
        }
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        if (tls.verifyHostnames()) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
        }
        socket.startHandshake();
        return socket;
    }

    private static String head(Request request, URI uri, int port) {
        StringBuilder head = new StringBuilder();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        head.append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean defaultPort = uri.getPort() < 0;
        head.append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n");
        head.append("User-Agent: ").append(HttpTransport.USER_AGENT).append("\r\n");
        head.append("Accept: */*\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n");
        if (request.body().contentType() != null) {
            head.append("Content-Type: ").append(request.body().contentType()).append("\r\n");
        }
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static int statusCode(String status) throws IOException {
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3 || !Ascii.isDigits(parts[1], 0, 3)) {
            throw new IOException("not an HTTP answer: " + (status.length() > 80 ? status.substring(0, 80) : status));
        }
        return Integer.parseInt(parts[1]);
    }

    private static Map<String, List<String>> headers(InputStream in) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int total = 0;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            total += line.length();
            int colon = line.indexOf(':');
            if (total > HEADERS_LIMIT || colon <= 0) {
                throw new IOException(total > HEADERS_LIMIT ? "an answer's headers exceed 64 KiB" : "a malformed header line");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        return headers;
    }

    /** One line of the answer's head, without its CR LF. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed in an answer's head");
            }
            if (line.size() > HEADERS_LIMIT) {
                throw new IOException("an answer's header line exceeds 64 KiB");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** The body as chunks of what each write gives; closing writes the last chunk and flushes. */
    private static final class Chunks extends FilterOutputStream {
        Chunks(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return; // a zero-length chunk would end the body
            }
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(b, off, len);
            out.write('\r');
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush(); // the socket stays open for the answer
        }
    }

    /** The answer's body; closing it closes the connection. */
    private static final class ClosingStream extends java.io.FilterInputStream {
        private final Socket socket;

        ClosingStream(InputStream in, Socket socket) {
            super(in);
            this.socket = socket;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
