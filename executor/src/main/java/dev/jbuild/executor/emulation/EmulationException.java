package dev.jbuild.executor.emulation;

import dev.jbuild.store.StoreException;

/** A platform whose programs this host cannot run. */
public final class EmulationException extends StoreException {
    public EmulationException(String message) {
        super(message);
    }
}
