package dev.jbuild.registry.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;

/**
 * A response body that, closed before its end, drops the connection: HttpURLConnection would otherwise
 * read the rest to keep the connection alive, which for a body without end (a hostile registry) takes as
 * long as the server cares to send.
 */
final class DisconnectingStream extends FilterInputStream {
    private final HttpURLConnection connection;
    private boolean ended;

    DisconnectingStream(InputStream in, HttpURLConnection connection) {
        super(in);
        this.connection = connection;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        ended |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        ended |= n < 0;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            connection.disconnect();
        }
        super.close();
    }
}
