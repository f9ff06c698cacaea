package dev.jbuild.store.place;

import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.image.StoredIndex;
import dev.jbuild.store.name.ImageName;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What leaves the store when a command names an image (push, save, copy, a build's outputs): a
 * multi-platform image whole when the store has every platform's image, else (a pull took one
 * platform) the image of this machine's platform, as docker's classic store pushes it.
 */
public final class StoreEntries {
    private StoreEntries() {
    }

    /** The entry for {@code reference}, under the names {@code names} gives for what was found. */
    public static StoreSource.Entry whole(Images images, String reference, Function<List<ImageName>, List<ImageName>> names)
            throws IOException {
        Optional<StoredIndex> index = images.findIndex(reference);
        if (index.isPresent() && images.platformImages(index.get()).size() == index.get().platforms().size()) {
            return new StoreSource.Entry(index.get(), names.apply(index.get().names()));
        }
        StoredImage image = images.resolve(reference);
        return new StoreSource.Entry(image, names.apply(image.names()));
    }
}
