package dev.jbuild.registry;

/** The registry answered 404 for a manifest: no such tag or digest in that repository. */
public final class ManifestNotFound extends RegistryException {
    private static final long serialVersionUID = 1L;

    public ManifestNotFound(String message) {
        super(message);
    }
}
