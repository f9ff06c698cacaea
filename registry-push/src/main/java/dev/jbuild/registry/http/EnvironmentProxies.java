package dev.jbuild.registry.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP proxies the environment names, read as curl, Go and so docker and buildah read them:
 * {@code HTTPS_PROXY} for https URLs, {@code HTTP_PROXY} for http ones (or their lower-case forms),
 * except for the hosts {@code NO_PROXY} lists ({@code *}, a host, or a domain with or without its
 * leading dot, each optionally with {@code :PORT}) and for loopback, which is never proxied. Without
 * any of the variables, jbuild keeps the JVM's own proxy settings.
 */
public final class EnvironmentProxies extends ProxySelector {
    /** Null where the variable is unset. */
    private final Proxy httpsProxy;
    private final Proxy httpProxy;
    private final List<String> noProxy;

    private EnvironmentProxies(Proxy httpsProxy, Proxy httpProxy, List<String> noProxy) {
        this.httpsProxy = httpsProxy;
        this.httpProxy = httpProxy;
        this.noProxy = noProxy;
    }

    /** The environment's proxies; empty when it names none. */
    public static Optional<ProxySelector> of(Map<String, String> env) {
        String https = variable(env, "HTTPS_PROXY");
        String http = variable(env, "HTTP_PROXY");
        if (https == null && http == null) {
            return Optional.empty();
        }
        List<String> exceptions = new ArrayList<>();
        String no = variable(env, "NO_PROXY");
        if (no != null) {
            for (String entry : no.split(",")) {
                String e = entry.trim().toLowerCase(Locale.ROOT);
                if (!e.isEmpty()) {
                    exceptions.add(e.startsWith(".") ? e.substring(1) : e);
                }
            }
        }
        return Optional.of(new EnvironmentProxies(proxy(https), proxy(http), exceptions));
    }

    /** {@code [SCHEME://]HOST[:PORT]}, read once; null stays null. */
    private static Proxy proxy(String spec) {
        if (spec == null) {
            return null;
        }
        URI proxy = URI.create(spec.contains("://") ? spec : "http://" + spec);
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port(proxy)));
    }

    private static String variable(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            value = env.get(name.toLowerCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        Proxy proxy = "https".equalsIgnoreCase(uri.getScheme()) ? httpsProxy : httpProxy;
        if (proxy == null || Loopback.is(host) || excepted(host, port(uri))) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(proxy);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private boolean excepted(String host, int port) {
        for (String entry : noProxy) {
            String name = entry;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(']') < colon) { // HOST:PORT (a bracketed IPv6 address keeps its colons)
                if (!entry.substring(colon + 1).equals(Integer.toString(port))) {
                    continue;
                }
                name = entry.substring(0, colon);
            }
            if (name.equals("*") || host.equals(name) || host.endsWith("." + name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // nothing to remember: the request fails and says why
    }
}
