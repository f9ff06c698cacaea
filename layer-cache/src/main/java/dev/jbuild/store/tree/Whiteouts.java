package dev.jbuild.store.tree;

import java.nio.charset.StandardCharsets;

/**
 * The two spellings of "deleted here": OCI's in tars ({@code .wh.NAME}, {@code .wh..wh..opq}) and
 * overlayfs's on disk (a 0/0 character device, an {@code overlay.opaque} xattr on a directory).
 */
public final class Whiteouts {
    public static final String PREFIX = ".wh.";
    public static final String OPAQUE = ".wh..wh..opq";
    /** Set by overlayfs when mounted with userxattr (in a user namespace). */
    public static final String USER_OPAQUE_XATTR = "user.overlay.opaque";
    /** Set by overlayfs mounted by real root. */
    public static final String TRUSTED_OPAQUE_XATTR = "trusted.overlay.opaque";
    static final byte[] OPAQUE_VALUE = "y".getBytes(StandardCharsets.US_ASCII);

    private Whiteouts() {
    }

    /** The opaque xattr the overlay mounted by this process reads: trusted.* needs real root. */
    public static String opaqueXattr(boolean realRoot) {
        return realRoot ? TRUSTED_OPAQUE_XATTR : USER_OPAQUE_XATTR;
    }

    /** Marks {@code dir} opaque as overlayfs reads it: user.* always, trusted.* too for real root. */
    static void markOpaque(java.nio.file.Path dir, boolean realRoot) throws java.io.IOException {
        dev.jbuild.store.fs.Posix.setXattr(dir, USER_OPAQUE_XATTR, OPAQUE_VALUE);
        if (realRoot) {
            setTrusted(dir, TRUSTED_OPAQUE_XATTR, OPAQUE_VALUE);
        }
    }

    /**
     * Sets a trusted.* xattr where that is allowed: real root without CAP_SYS_ADMIN (a locked-down
     * container) may not, and there no overlay reads it, so that is no loss.
     */
    static void setTrusted(java.nio.file.Path path, String name, byte[] value) {
        try {
            dev.jbuild.store.fs.Posix.setXattr(path, name, value);
        } catch (java.io.IOException e) {
            // see above
        }
    }

    /** Whether overlay takes {@code dir} for opaque (either spelling). */
    static boolean isOpaque(java.nio.file.Path dir) throws java.io.IOException {
        return isOpaqueValue(dev.jbuild.store.fs.Posix.xattr(dir, USER_OPAQUE_XATTR))
                || isOpaqueValue(dev.jbuild.store.fs.Posix.xattr(dir, TRUSTED_OPAQUE_XATTR));
    }

    /** overlayfs' own bookkeeping attributes, never part of a layer. */
    static boolean isOverlayXattr(String name) {
        return name.startsWith("user.overlay.") || name.startsWith("trusted.overlay.");
    }

    static boolean isOpaqueValue(byte[] value) {
        return value != null && value.length == 1 && value[0] == 'y';
    }
}
