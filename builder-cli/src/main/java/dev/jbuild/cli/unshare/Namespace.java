package dev.jbuild.cli.unshare;

import dev.jbuild.cli.JbuildFailure;

/**
 * The namespace the launcher put this process in, from the JBUILD_USERNS variable it sets:
 * {@code full} (subuid range mapped), {@code single} (only the caller mapped) or {@code root}
 * (real root: a mount namespace only).
 */
public final class Namespace {
    private Namespace() {
    }

    public static String mode() {
        return System.getenv().getOrDefault("JBUILD_USERNS", "");
    }

    /** Commands that touch the store's trees call this: without the launcher's namespace they cannot work. */
    public static void requireEntered() {
        if (mode().isEmpty()) {
            throw new JbuildFailure("not inside jbuild's namespace: start jbuild through its launcher (bin/jbuild),"
                    + " which enters it before Java starts");
        }
    }
}
