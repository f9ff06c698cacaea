package dev.jbuild.store.fs;

import java.security.MessageDigest;
import java.util.Optional;

/**
 * SHA-256 by the system's OpenSSL (libcrypto, found at run time through jbuild's JNI library). The JDK's
 * SHA-256 is fast only once C2 has compiled its SHA-NI intrinsic: as Java code (interpreted, or compiled by
 * C1, which jbuild's commands run with; see bin/jbuild) it is 15-20 times slower. OpenSSL's is at full speed
 * from its first byte (52 MB in 39 ms here). Where there is no libcrypto, {@link #create} answers empty and
 * the JDK's is used.
 */
public final class OpenSslSha256 extends MessageDigest implements Cloneable {
    private static final int CONTEXT_SIZE = bind();
    private byte[] context = new byte[CONTEXT_SIZE];

    private OpenSslSha256() {
        super("SHA-256");
        LibC.sha256Init(context);
    }

    private static int bind() {
        try {
            return Posix.libraryLoaded() ? LibC.sha256Bind() : 0;
        } catch (UnsatisfiedLinkError e) {
            return 0; // a library built before the binding: the JDK's digest
        }
    }

    /** A new SHA-256 digest, or empty where the system has no libcrypto. */
    public static Optional<MessageDigest> create() {
        return CONTEXT_SIZE > 0 ? Optional.of(new OpenSslSha256()) : Optional.empty();
    }

    @Override
    protected int engineGetDigestLength() {
        return 32;
    }

    @Override
    protected void engineUpdate(byte input) {
        LibC.sha256Update(context, new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int length) {
        if (length > 0) {
            LibC.sha256Update(context, input, offset, length);
        }
    }

    @Override
    protected byte[] engineDigest() {
        byte[] digest = new byte[32];
        LibC.sha256Final(context, digest);
        LibC.sha256Init(context);
        return digest;
    }

    @Override
    protected void engineReset() {
        LibC.sha256Init(context);
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        OpenSslSha256 copy = (OpenSslSha256) super.clone();
        copy.context = context.clone();
        return copy;
    }
}
