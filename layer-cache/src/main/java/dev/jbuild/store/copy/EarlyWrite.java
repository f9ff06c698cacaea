package dev.jbuild.store.copy;

/**
 * A blob a sink began to take while it was still being made, before its digest was known
 * ({@link ImageSink#writeAsMade}).
 */
public interface EarlyWrite {
    /**
     * The blob is whole and is {@code blob}: keeps it under its digest. False when what was sent early
     * did not arrive whole, so that the blob is to be written as any other.
     */
    boolean commit(Blob blob);

    /** The blob will not be made: what was sent is dropped. */
    void abandon();
}
