package dev.jbuild.registry;

import dev.jbuild.store.StoreException;

/** A registry that refused or failed a request; the message names the registry, the request and its answer. */
public class RegistryException extends StoreException {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }
}
