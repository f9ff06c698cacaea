package dev.jbuild.cli.multiplatform;

import dev.jbuild.executor.imagebuild.BuildRequest;
import dev.jbuild.store.Parallel;
import dev.jbuild.store.Store;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.image.StoredIndex;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.MediaTypes;
import dev.jbuild.store.platform.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code build --platform A,B}: the target built once per platform, the platforms in parallel (each a
 * build of its own, its steps labelled with its platform), then one OCI index of the images under the
 * build's names. Caller holds the writing lock.
 */
public final class PlatformBuilds {
    /** Builds one platform's image from a request made for it. */
    public interface OnePlatform {
        StoredImage build(BuildRequest request) throws IOException;
    }

    private PlatformBuilds() {
    }

    /**
     * @param manifestAnnotations each platform's manifest annotations
     * @param indexAnnotations    the index's own
     */
    public static StoredIndex build(Store store, BuildRequest request, List<Platform> platforms, OnePlatform builder,
                                    Map<Platform, Map<String, String>> manifestAnnotations, Map<String, String> indexAnnotations)
            throws IOException {
        List<Callable<StoredImage>> builds = new ArrayList<>();
        for (Platform platform : platforms) {
            BuildRequest one = request.forPlatform(platform, new PlatformProgress(request.progress(), platform),
                    manifestAnnotations.getOrDefault(platform, Map.of()));
            builds.add(() -> builder.build(one));
        }
        List<StoredImage> images = new ArrayList<>();
        Parallel.run(builds, platforms.size(), images::add);
        List<Descriptor> entries = new ArrayList<>();
        for (int i = 0; i < platforms.size(); i++) {
            StoredImage image = images.get(i);
            entries.add(new Descriptor(MediaTypes.OCI_MANIFEST, image.manifestDigest(), store.blobs().size(image.manifestDigest()),
                    Map.of(), platforms.get(i).descriptor()));
        }
        StoredIndex index = new Images(store).addIndex(entries, indexAnnotations, request.tags());
        for (var name : request.tags()) {
            request.progress().message("Successfully tagged " + name.familiar());
        }
        return index;
    }
}
