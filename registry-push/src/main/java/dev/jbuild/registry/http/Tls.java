package dev.jbuild.registry.http;

import javax.net.ssl.SSLContext;

/**
 * How HTTPS connections check their server: the JDK's defaults (system CAs, host names checked),
 * or a context of jbuild's (extra CAs; or, for an insecure registry, any certificate for any name).
 */
public record Tls(SSLContext context, boolean verifyHostnames) {
    public static final Tls SYSTEM = new Tls(null, true);

    /**
     * Gives the settings when an https request needs them: asked at each such request, so a source whose
     * settings are costly to make (loading CAs costs a cold JVM ~0.2 s) makes them once and keeps them.
     */
    @FunctionalInterface
    public interface Source {
        /** The JDK's CAs and host-name checks. */
        Source SYSTEM = () -> Tls.SYSTEM;

        Tls load() throws java.io.IOException;
    }
}
