package dev.jbuild.registry;

import dev.jbuild.registry.http.Loopback;
import dev.jbuild.store.name.ImageName;

/**
 * Where a registry answers. docker.io's API is at registry-1.docker.io; localhost and 127.0.0.0/8
 * may speak plain http (a registry API answering over http is used as it is, else https); other hosts
 * need https unless marked insecure.
 */
public record Endpoint(String registry, String host, boolean insecure) {
    /** Docker Hub's index, where its search API is (the registry API is on registry-1.docker.io). */
    public static final Endpoint DOCKER_HUB_INDEX = new Endpoint(ImageName.DOCKER_HUB, "index.docker.io", false);

    public static Endpoint of(ImageName name) {
        return of(name.domain());
    }

    /** {@code registry} as users name it (docker.io, localhost:5000). */
    public static Endpoint of(String registry) {
        boolean hub = registry.equals(ImageName.DOCKER_HUB) || registry.equals("index.docker.io");
        return new Endpoint(hub ? ImageName.DOCKER_HUB : registry, hub ? "registry-1.docker.io" : registry, false);
    }

    /** The same registry reached without TLS verification, or over plain http (an "insecure registry"). */
    public Endpoint insecure(boolean value) {
        return new Endpoint(registry, host, value);
    }

    public boolean mayUseHttp() {
        return insecure || isLoopback();
    }

    /** localhost, 127.0.0.0/8 or [::1]: a registry on this machine. */
    public boolean isLoopback() {
        String h = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":")[0];
        return Loopback.is(h);
    }
}
