package dev.jbuild.store.tree;

import dev.jbuild.store.StoreException;

/** A layer entry that would write outside the tree it is extracted into. */
public final class UnsafeEntryException extends StoreException {
    private static final long serialVersionUID = 1L;

    public UnsafeEntryException(String source, String entry, String why) {
        super(source + ": refusing entry '" + entry + "': " + why);
    }
}
