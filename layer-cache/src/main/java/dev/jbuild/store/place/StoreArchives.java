package dev.jbuild.store.place;

import dev.jbuild.store.Store;
import dev.jbuild.store.copy.CopyOptions;
import dev.jbuild.store.copy.CopyProgress;
import dev.jbuild.store.copy.ImageCopy;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.platform.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/** save and load: the copy between the store and an archive stream. */
public final class StoreArchives {
    private StoreArchives() {
    }

    /** Writes the images, under the names each entry gives, as one archive; layers as the store has them. */
    public static void save(Store store, List<StoreSource.Entry> entries, ArchiveFormat format, OutputStream out)
            throws IOException {
        try (StoreSource source = new StoreSource(store, entries); ArchiveSink sink = new ArchiveSink(out, format, Optional.empty())) {
            copy(store, sink.holdsIndexes() ? CopyOptions.allPlatforms() : CopyOptions.platform(Platform.host())).copy(source, sink);
        }
    }

    /** Stores every image of the archive, checked at the door; returns them with their names. Caller holds the writing lock. */
    public static List<StoredImage> load(Store store, InputStream archive, String description) throws IOException {
        StoreSink sink = StoreSink.named(store, Optional.empty());
        try (ArchiveSource source = ArchiveSource.open(archive, description, Optional.empty(), store.temp())) {
            copy(store, CopyOptions.allPlatforms()).copy(source, sink);
        }
        return sink.stored();
    }

    private static ImageCopy copy(Store store, CopyOptions options) {
        return new ImageCopy(store.temp(), options, CopyProgress.NONE);
    }
}
