package dev.jbuild.store.image;

import dev.jbuild.store.StoreException;

/** No image answers to a reference. */
public class ImageNotFound extends StoreException {
    private static final long serialVersionUID = 1L;

    public ImageNotFound(String reference) {
        super("no such image: " + reference);
    }
}
