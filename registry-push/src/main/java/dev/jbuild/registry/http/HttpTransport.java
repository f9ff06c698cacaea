package dev.jbuild.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;

/**
 * Sends requests over the JDK's {@link HttpURLConnection}: its start costs a cold JVM a fraction of
 * okhttp's or java.net.http's (a registry command is mostly its start), and it moves a large body with
 * a fraction of java.net.http's CPU. jbuild sends no PATCH, which it cannot. Bodies stream with a fixed
 * length; connections are kept alive and reused. Redirects of GET and HEAD are followed, without
 * the Authorization header once they leave the host (a blob's storage must not see a registry token).
 */
public final class HttpTransport implements Exchange {
    static final String USER_AGENT = "jbuild";
    private static final int MAX_REDIRECTS = 10;

    private final Tls.Source tlsSource;
    private final Duration connectTimeout;
    private final Duration ioTimeout;
    /** The environment's proxies, or null for the JVM's own settings. */
    private final ProxySelector proxies;

    /** {@code ioTimeout}: how long a read may wait for a byte, and a request body for its next byte to be taken. */
    public HttpTransport(Tls.Source tls, Duration connectTimeout, Duration ioTimeout) {
        this(tls, connectTimeout, ioTimeout, EnvironmentProxies.of(System.getenv()).orElse(null));
    }

    HttpTransport(Tls.Source tls, Duration connectTimeout, Duration ioTimeout, ProxySelector proxies) {
        this.tlsSource = tls;
        this.proxies = proxies;
        this.connectTimeout = connectTimeout;
        this.ioTimeout = ioTimeout;
    }

    /** The same transport (and TLS settings) waiting at most {@code timeout} for a connection, a read, or a write to move. */
    public HttpTransport withTimeout(Duration timeout) {
        return new HttpTransport(tlsSource, timeout, timeout, proxies);
    }

    @Override
    public Response send(Request request) throws IOException {
        Request current = request;
        for (int redirects = 0; ; redirects++) {
            Response response = sendOnce(current);
            String location = response.header("Location");
            boolean follow = isRedirect(response.code()) && location != null && redirects < MAX_REDIRECTS
                    && (current.method().equals("GET") || current.method().equals("HEAD"));
            if (!follow) {
                return response;
            }
            response.close();
            URI target = redirectTarget(current.uri(), location);
            current = sameOrigin(current.uri(), target) ? current.at(target) : current.at(target).withoutHeader("Authorization");
        }
    }

    /** Where a redirect leads: http or https only (a registry may not send jbuild to file: or jar:), in one line. */
    private static URI redirectTarget(URI from, String location) throws IOException {
        URI target;
        try {
            target = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new IOException(from.getHost() + " redirected to a malformed address");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
            throw new IOException(from.getHost() + " redirected to " + (scheme.isEmpty() ? "an address without a scheme"
                    : "a " + scheme + ": address") + ", which is not http or https");
        }
        return target;
    }

    private static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }

    private Response sendOnce(Request request) throws IOException {
        if (request.body() != null && request.body().length() < 0) {
            if (proxies != null && proxies.select(request.uri()).get(0).type() != java.net.Proxy.Type.DIRECT) {
                throw new IOException("a body of unknown length is not sent through a proxy");
            }
            return ChunkedExchange.send(request, tlsSource, connectTimeout, ioTimeout); // TLS settings loaded for https only
        }
        java.net.URL url = request.uri().toURL();
        HttpURLConnection c = (HttpURLConnection) (proxies == null ? url.openConnection()
                : url.openConnection(proxies.select(request.uri()).get(0)));
        try {
            return exchange(c, request);
        } catch (IOException | RuntimeException e) {
            c.disconnect(); // now, not when collected: a server may be waiting on this very socket
            throw e;
        }
    }

    private Response exchange(HttpURLConnection c, Request request) throws IOException {
        if (c instanceof HttpsURLConnection https) {
            Tls settings = tls();
            if (settings.context() != null) {
                https.setSSLSocketFactory(settings.context().getSocketFactory());
            }
            if (!settings.verifyHostnames()) {
                https.setHostnameVerifier(AnyHostname.INSTANCE);
            }
        }
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout((int) connectTimeout.toMillis());
        c.setReadTimeout((int) ioTimeout.toMillis());
        c.setRequestMethod(request.method());
        c.setRequestProperty("User-Agent", USER_AGENT);
        c.setRequestProperty("Accept", "*/*"); // HttpURLConnection would send a browser's list
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            c.setRequestProperty(h.getKey(), h.getValue());
        }
        Body body = request.body();
        if (body != null) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length());
            if (body.contentType() != null) {
                c.setRequestProperty("Content-Type", body.contentType());
            }
            StalledWrites.send(body, c, ioTimeout);
        }
        int code;
        try {
            code = c.getResponseCode();
        } catch (HttpRetryException e) {
            // a 401 to a streamed body: HttpURLConnection will not hand it over, but the caller can answer it
            return new Response(e.responseCode(), c.getHeaderFields(), null);
        }
        InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
        long length = c.getContentLengthLong();
        if (in != null && length >= 0 && !request.method().equals("HEAD")) {
            in = new ExactLengthStream(in, length);
        }
        if (in != null) {
            in = new DisconnectingStream(in, c);
        }
        return new Response(code, c.getHeaderFields(), in);
    }

    private Tls tls() throws IOException {
        return tlsSource.load();
    }

    /** For registries whose certificates are not checked at all (--tls-verify=false, insecure registries). */
    private static final class AnyHostname implements javax.net.ssl.HostnameVerifier {
        static final AnyHostname INSTANCE = new AnyHostname();

        @Override
        public boolean verify(String hostname, javax.net.ssl.SSLSession session) {
            return true;
        }
    }
}
