package dev.jbuild.executor.sandbox;

import java.util.Map;

/**
 * How RUN steps and containers are isolated. ROOTLESS: namespaces of their own (mount, PID, UTS,
 * IPC) over an overlay mount, in jbuild's user namespace. CHROOT: for hosts that allow neither user
 * namespaces nor mounts (a CI pod without privileges): the step runs chrooted into a plain copy of
 * the image's files, and what it changed is found by comparing metadata before and after.
 */
public enum Isolation {
    ROOTLESS, CHROOT;

    /** As the launcher decided (JBUILD_ISOLATION): what the host allows, or what --isolation asked for. */
    public static Isolation of(Map<String, String> env) {
        return "chroot".equals(env.getOrDefault("JBUILD_ISOLATION", "")) ? CHROOT : ROOTLESS;
    }

    public static Isolation current() {
        return of(System.getenv());
    }
}
