package dev.jbuild.executor.imagebuild;

import dev.jbuild.store.Digest;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.oci.Json;
import java.util.List;

/** An image while it is being built: its config and layers after the steps so far. */
record ImageState(ImageConfig config, List<Descriptor> layers) {
    ImageState {
        layers = List.copyOf(layers);
    }

    ImageConfig.RunConfig run() {
        return config.config() == null ? ImageConfig.RunConfig.empty() : config.config();
    }

    /**
     * Identifies the state for cache keys: the config, whose diffIDs say what the layers hold. Not the
     * layer digests: a layer built here (a plain tar) and the same layer from a registry cache (gzip)
     * are one state.
     */
    Digest digest() {
        return new StepKey().add(new String(Json.bytes(config), java.nio.charset.StandardCharsets.UTF_8)).digest();
    }

    ImageState with(ImageConfig.RunConfig run, ImageConfig.History history) {
        List<ImageConfig.History> h = new java.util.ArrayList<>(config.history());
        h.add(history);
        return new ImageState(new ImageConfig(history.created(), config.author(), config.architecture(), config.os(),
                config.variant(), run, config.rootfs(), h), layers);
    }

    ImageState withLayer(dev.jbuild.store.layer.Layer layer, ImageConfig.History history) {
        List<Digest> diffIds = new java.util.ArrayList<>(config.rootfs() == null ? List.of() : config.rootfs().diffIds());
        diffIds.add(layer.diffId());
        List<ImageConfig.History> h = new java.util.ArrayList<>(config.history());
        h.add(history);
        List<Descriptor> l = new java.util.ArrayList<>(layers);
        l.add(layer.descriptor());
        return new ImageState(new ImageConfig(history.created(), config.author(), config.architecture(), config.os(),
                config.variant(), run(), new ImageConfig.RootFs("layers", diffIds), h), l);
    }

    /** The same layers and history under another run config (a step that made a layer and changed the config). */
    ImageState withRun(ImageConfig.RunConfig run) {
        return new ImageState(new ImageConfig(config.created(), config.author(), config.architecture(), config.os(),
                config.variant(), run, config.rootfs(), config.history()), layers);
    }

    List<Digest> diffIds() {
        return config.rootfs() == null ? List.of() : config.rootfs().diffIds();
    }
}
