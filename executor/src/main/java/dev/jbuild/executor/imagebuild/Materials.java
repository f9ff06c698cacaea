package dev.jbuild.executor.imagebuild;

import java.util.ArrayList;
import java.util.List;

/**
 * What a build fetched from outside its context and stages (ADD of a URL or a git repository), each
 * with the digest of what came: provenance lists them as materials. Stages add to it in parallel.
 */
public final class Materials {
    /** @param digest {@code ALGORITHM:HEX}: sha256 of a download, sha1 of a git commit */
    public record Material(String uri, String digest) {
    }

    private final List<Material> fetched = new ArrayList<>();

    synchronized void add(String uri, String digest) {
        Material m = new Material(uri, digest);
        if (!fetched.contains(m)) {
            fetched.add(m);
        }
    }

    public synchronized List<Material> list() {
        return List.copyOf(fetched);
    }
}
