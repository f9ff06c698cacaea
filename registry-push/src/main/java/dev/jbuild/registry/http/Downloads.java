package dev.jbuild.registry.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Plain GETs of http(s) URLs that are no registry's (ADD URL, a remote build context): the system's CAs,
 * the environment's proxies, redirects followed, 15 s to connect and 2 minutes for a stalled read.
 */
public final class Downloads {
    private static final HttpTransport HTTP = new HttpTransport(Tls.Source.SYSTEM, Duration.ofSeconds(15), Duration.ofMinutes(2));

    private Downloads() {
    }

    public static Response get(URI uri) throws IOException {
        return HTTP.send(Request.get(uri));
    }
}
