package dev.jbuild.cli.container;

import dev.jbuild.executor.container.Container;
import dev.jbuild.executor.container.ContainerRuntime;
import dev.jbuild.executor.container.Containers;
import dev.jbuild.executor.sandbox.UserNamespaceMode;
import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/** The store, its containers and the runtime, as the container commands use them. */
public record ContainerContext(Store store, Containers containers, ContainerRuntime runtime) {

    public static ContainerContext open(Store store) {
        Containers containers = new Containers(store);
        return new ContainerContext(store, containers, new ContainerRuntime(store, containers, UserNamespaceMode.of(System.getenv())));
    }

    /** The store's images, knowing which ones containers use (rmi and prune keep those). */
    public static Images images(Store store) throws IOException {
        Set<Digest> inUse = new HashSet<>();
        for (Container c : new Containers(store).list()) {
            inUse.add(Digest.parse(c.config().imageId()));
        }
        return new Images(store, inUse);
    }

    /** The image a container was made from (kept in the store while the container exists). */
    public StoredImage imageOf(Container c) throws IOException {
        return new Images(store).resolve(c.config().imageId());
    }
}
