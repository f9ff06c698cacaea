package dev.jbuild.executor.imagebuild;

import java.util.ArrayList;
import java.util.List;

/**
 * What a build took from outside its context and stages, each with the digest of what came: its base
 * images (and images COPY --from names), downloads and git repositories of ADD. Provenance lists them as
 * materials. Stages add to it in parallel.
 */
public final class Materials {
    /** @param digest {@code ALGORITHM:HEX}: sha256 of a download, sha1 of a git commit */
    public record Material(String uri, String digest) {
        public Material {
            uri = withoutCredentials(uri);
        }
    }

    /** A URL without its user and password ({@code https://user:token@host/…} is {@code https://host/…}). */
    public static String withoutCredentials(String uri) {
        return uri.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }

    private final List<Material> fetched = new ArrayList<>();

    synchronized void add(String uri, String digest) {
        Material m = new Material(uri, digest);
        if (!fetched.contains(m)) {
            fetched.add(m);
        }
    }

    /** An image a stage started from or copied from, as a purl with the platform it was taken for. */
    void addImage(String reference, dev.jbuild.store.platform.Platform platform, dev.jbuild.store.Digest manifest) {
        dev.jbuild.store.name.ImageName name = dev.jbuild.store.name.ImageName.parse(reference);
        add("pkg:docker/" + name.repository() + "@" + (name.tag() != null ? name.tag() : name.digest() != null ? name.digest() : "latest")
                + "?platform=" + platform.toString().replace("/", "%2F"), manifest.toString());
    }

    public synchronized List<Material> list() {
        return List.copyOf(fetched);
    }
}
