package dev.jbuild.executor.sandbox;

import dev.jbuild.store.StoreException;

/** The container could not be set up or started; {@link #exitCode()} follows docker (125, 126, 127). */
public class SandboxException extends StoreException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public SandboxException(String message) {
        this(message, 125);
    }

    public SandboxException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
