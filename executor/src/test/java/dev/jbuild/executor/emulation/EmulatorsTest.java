package dev.jbuild.executor.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** binfmt_misc entries as the kernel shows them (Debian's qemu-user-static's, copied from /proc/sys/fs/binfmt_misc). */
class EmulatorsTest {
    private static final String AARCH64 = """
            enabled
            interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P
            flags: POF
            offset 0
            magic 7f454c460201010000000000000000000200b700
            mask ffffffffffffff00fffffffffffffffffeffffff
            """;
    private static final String ARM = """
            enabled
            interpreter /usr/libexec/qemu-binfmt/arm-binfmt-P
            flags: PO
            offset 0
            magic 7f454c4601010100000000000000000002002800
            mask ffffffffffffff00fffffffffffffffffeffffff
            """;

    @TempDir
    Path dir;

    private BinfmtHandler handler(String name, String text) throws Exception {
        Path entry = dir.resolve(name);
        Files.writeString(entry, text);
        return BinfmtHandler.read(entry).orElseThrow();
    }

    @Test
    void aHandlerMatchesTheExecutablesOfItsCpuOnly() throws Exception {
        BinfmtHandler aarch64 = handler("qemu-aarch64", AARCH64);
        assertTrue(aarch64.fixBinary());
        assertTrue(aarch64.matches(ElfMachine.header(Platform.parse("linux/arm64")).orElseThrow()));
        for (String other : List.of("linux/amd64", "linux/arm", "linux/s390x", "linux/riscv64")) {
            assertTrue(!aarch64.matches(ElfMachine.header(Platform.parse(other)).orElseThrow()), other);
        }
        assertTrue(BinfmtHandler.read(dir.resolve("absent")).isEmpty());
        Files.writeString(dir.resolve("python3.11"), "enabled\ninterpreter /usr/bin/python3.11\nflags: \nextension .pyc\n");
        assertTrue(BinfmtHandler.read(dir.resolve("python3.11")).isEmpty(), "matched by extension, not by magic");
    }

    @Test
    void runnablePlatformsAreTheHostsAndThoseWithAnFHandler() throws Exception {
        Emulators emulators = Emulators.of(List.of(handler("qemu-aarch64", AARCH64), handler("qemu-arm", ARM)));
        List<Platform> runnable = emulators.runnable();
        assertEquals(Platform.host(), runnable.get(0));
        assertEquals(Platform.host().architecture().equals("arm64") ? Optional.of("native")
                : Optional.of("/usr/libexec/qemu-binfmt/aarch64-binfmt-P"), emulators.runner(Platform.parse("linux/arm64")));
        assertTrue(emulators.runner(Platform.parse("linux/arm")).isEmpty(), "no F flag: it could not run inside a build's root");
    }

    @Test
    void aPlatformWithoutEmulatorIsOneLineSayingWhatToInstall() throws Exception {
        Emulators emulators = Emulators.of(List.of(handler("qemu-arm", ARM)));
        Platform s390x = Platform.parse("linux/s390x");
        EmulationException none = assertThrows(EmulationException.class, () -> emulators.requireRunnable(s390x));
        assertTrue(none.getMessage().startsWith("linux/s390x: this host cannot run s390x programs for RUN: install qemu-user-static"),
                none.getMessage());
        assertTrue(!none.getMessage().contains("\n"));
        Platform arm = Platform.parse("linux/arm/v7");
        if (!Platform.host().architecture().equals("arm")) {
            EmulationException noF = assertThrows(EmulationException.class, () -> emulators.requireRunnable(arm));
            assertTrue(noF.getMessage().contains("without binfmt_misc's F flag"), noF.getMessage());
        }
        emulators.requireRunnable(Platform.host());
    }
}
