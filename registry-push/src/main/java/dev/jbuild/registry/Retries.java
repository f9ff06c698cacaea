package dev.jbuild.registry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import javax.net.ssl.SSLException;
import dev.jbuild.registry.http.Exchange;
import dev.jbuild.registry.http.Request;
import dev.jbuild.registry.http.Response;

/**
 * Retries what a registry fails transiently: 5xx answers, 429 (waiting as Retry-After says, up to
 * a bound), connection resets and timeouts. A bounded number of tries with exponential backoff;
 * then the last failure goes to the caller. What retrying cannot mend fails at once: a refused
 * connection (nothing listens), an unknown host, a TLS handshake that fails, a local I/O error. Every request jbuild sends can be replayed (bodies come
 * from files or byte arrays), and a repeated upload start only opens another session.
 */
final class Retries implements Exchange {
    static final int ATTEMPTS = 5;
    private static final long FIRST_DELAY_MS = 200;
    private static final long MAX_DELAY_MS = 10_000;

    private final Exchange next;

    Retries(Exchange next) {
        this.next = next;
    }

    @Override
    public Response send(Request request) throws IOException {
        if (request.body() != null && !request.body().repeatable()) {
            return next.send(request); // its bytes are gone once sent: the caller sends them again its own way
        }
        IOException failure = null;
        for (int attempt = 1; ; attempt++) {
            Response response = null;
            try {
                response = next.send(request);
            } catch (IOException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                failure = e;
            }
            boolean transientAnswer = response != null && (response.code() >= 500 || response.code() == 429);
            if (response != null && !transientAnswer) {
                return response;
            }
            if (attempt >= ATTEMPTS) {
                if (response != null) {
                    return response;
                }
                throw failure;
            }
            long delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS << (attempt - 1));
            if (response != null) {
                delay = retryAfter(response, delay);
                response.close();
            }
            sleep(delay);
        }
    }

    /** Whether another try may succeed: timeouts, resets, cut streams; not what retrying cannot mend. */
    static boolean isTransient(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return true;
        }
        return !(e instanceof InterruptedIOException // cancelled, not a fault of the registry
                || e instanceof ConnectException || e instanceof NoRouteToHostException
                || e instanceof UnknownHostException || e instanceof SSLException
                || e instanceof FileSystemException);
    }

    private static long retryAfter(Response response, long fallback) {
        String header = response.header("Retry-After");
        if (header == null) {
            return fallback;
        }
        try {
            return Math.min(MAX_DELAY_MS, Long.parseLong(header.trim()) * 1000);
        } catch (NumberFormatException e) {
            return fallback; // an HTTP date: rare from registries; the backoff is bound anyway
        }
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
