package dev.jbuild.executor.container;

import dev.jbuild.store.Store;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.layer.Layer;
import dev.jbuild.store.layer.LayerBlobs;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import dev.jbuild.store.tree.TreeWriter;

/** docker commit: the container's upper dir becomes one more layer of its image. */
public final class ContainerCommit {
    private final Store store;

    public ContainerCommit(Store store) {
        this.store = store;
    }

    public StoredImage commit(Container c, StoredImage base, ImageConfig.RunConfig runConfig, String author, String message,
                              String created, Optional<ImageName> name) throws IOException {
        Layer layer = LayerBlobs.storeTar(store.blobs(), Compression.GZIP,
                out -> new TreeWriter(OptionalLong.empty()).write(c.upper(), out));
        ImageConfig old = base.config();
        List<ImageConfig.History> history = new ArrayList<>(old.history());
        history.add(new ImageConfig.History(created, String.join(" ", c.config().command()), author, message, false));
        List<dev.jbuild.store.Digest> diffIds = new ArrayList<>(old.rootfs().diffIds());
        diffIds.add(layer.diffId());
        ImageConfig config = new ImageConfig(created, author, old.architecture(), old.os(), old.variant(), runConfig,
                new ImageConfig.RootFs("layers", diffIds), history);
        List<Descriptor> layers = new ArrayList<>(base.manifest().layers());
        layers.add(layer.descriptor());
        return new Images(store).add(config, layers, name);
    }
}
