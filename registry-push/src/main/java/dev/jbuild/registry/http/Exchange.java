package dev.jbuild.registry.http;

import java.io.IOException;

/**
 * Sends a request and gives its response: the transport itself, or a layer over it (retries,
 * authentication) that passes requests on to the next.
 */
public interface Exchange {
    Response send(Request request) throws IOException;
}
