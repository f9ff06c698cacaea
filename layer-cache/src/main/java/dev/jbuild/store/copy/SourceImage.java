package dev.jbuild.store.copy;

import dev.jbuild.store.name.ImageName;
import java.util.List;

/** An image as a place has it: its top manifest (or index) and the names it goes by there. */
public record SourceImage(RawManifest manifest, List<ImageName> names) {
    public SourceImage {
        names = List.copyOf(names);
    }
}
