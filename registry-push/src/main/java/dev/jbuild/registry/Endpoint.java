package dev.jbuild.registry;

import dev.jbuild.store.name.ImageName;

/**
 * Where a registry answers. docker.io's API is at registry-1.docker.io; localhost and 127.0.0.0/8
 * may speak plain http (tried after https fails, as docker does); other hosts need https.
 */
public record Endpoint(String host) {

    public static Endpoint of(ImageName name) {
        return new Endpoint(name.domain().equals(ImageName.DOCKER_HUB) ? "registry-1.docker.io" : name.domain());
    }

    public boolean mayUseHttp() {
        String h = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":")[0];
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]");
    }
}
