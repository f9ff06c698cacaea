package dev.jbuild.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow: testdata/debian/Dockerfile (apt-get from Debian's mirror, useradd, USER, su) built in the CI
 * pod without privileges (chroot isolation) and rootless give the same layers and config ({@link PodParity}).
 * Not compared: the contents of what records the wall clock (apt's and dpkg's logs, apt's package caches:
 * they differ between any two builds; apt's log of its terminal, which the pod has none to give).
 */
@Tag("slow")
class ChrootDebianIT {
    /** What differs between any two builds of an apt-get install. */
    static boolean recordsTheClock(String name) {
        return name.startsWith("var/log/") || name.matches("var/cache/apt/[a-z]*pkgcache\\.bin");
    }

    @TempDir
    Path work;

    @Test
    void aptUseraddAndSuGiveTheSameLayersInThePodAsRootless() throws Exception {
        PodParity parity = PodParity.withDebian(work);
        parity.buildBothAndCompare("testdata/debian", "deb:1", ChrootDebianIT::recordsTheClock);
        parity.removePod();
    }
}
