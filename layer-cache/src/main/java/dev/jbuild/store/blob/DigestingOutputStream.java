package dev.jbuild.store.blob;

import dev.jbuild.store.Digest;
import dev.jbuild.store.fs.OpenSslSha256;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Passes bytes through while computing their sha256 and counting them: one pass, nothing held. */
public final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest sha256;
    private long size;

    public DigestingOutputStream(OutputStream out) {
        super(out);
        this.sha256 = newSha256();
    }

    /** OpenSSL's where the system has it (see {@link OpenSslSha256}), else the JDK's. */
    public static MessageDigest newSha256() {
        Optional<MessageDigest> openSsl = OpenSslSha256.create();
        if (openSsl.isPresent()) {
            return openSsl.get();
        }
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        size += len;
    }

    public long size() {
        return size;
    }

    /** The digest of everything written; call once, after the last write. */
    public Digest digest() {
        return Digest.sha256(HexFormat.of().formatHex(sha256.digest()));
    }
}
