package dev.jbuild.cli.attest;

import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.registry.RegistrySource;
import dev.jbuild.store.Store;
import dev.jbuild.store.copy.ImageSource;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.place.StoreEntries;
import dev.jbuild.store.place.StoreSource;
import java.io.IOException;
import java.util.List;

/** Where sbom and provenance read from: {@code docker://REGISTRY/NAME[:TAG]}, else an image of the store. */
final class AttestedImage {
    private static final String REGISTRY = "docker://";

    private AttestedImage() {
    }

    static boolean inRegistry(String reference) {
        return reference.startsWith(REGISTRY);
    }

    static ImageSource open(String reference, Store store, RegistryOptions registry) throws IOException {
        if (inRegistry(reference)) {
            ImageName name = ImageNames.parse(reference.substring(REGISTRY.length()));
            return new RegistrySource(registry.access().client(name.domain()), name, name.domain());
        }
        return new StoreSource(store, List.of(StoreEntries.whole(new Images(store), reference, names -> names)));
    }
}
