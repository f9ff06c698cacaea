package dev.jbuild.executor.emulation;

import dev.jbuild.store.platform.Platform;
import java.util.Map;
import java.util.Optional;

/**
 * The first 20 bytes of an executable built for a platform (ELF identification, type, machine): what
 * the kernel's binfmt_misc compares a handler's magic against.
 */
final class ElfMachine {
    /** Architecture → ELF class (1: 32-bit, 2: 64-bit), byte order (1: little, 2: big), e_machine. */
    private static final Map<String, int[]> MACHINES = Map.of(
            "amd64", new int[] {2, 1, 62},
            "arm64", new int[] {2, 1, 183},
            "arm", new int[] {1, 1, 40},
            "386", new int[] {1, 1, 3},
            "ppc64le", new int[] {2, 1, 21},
            "s390x", new int[] {2, 2, 22},
            "riscv64", new int[] {2, 1, 243},
            "mips64le", new int[] {2, 1, 8});

    private ElfMachine() {
    }

    /** The header of an executable (ET_EXEC) for the platform's CPU; empty for a CPU not known here. */
    static Optional<byte[]> header(Platform platform) {
        int[] m = MACHINES.get(platform.architecture());
        if (m == null || !platform.os().equals("linux")) {
            return Optional.empty();
        }
        byte[] h = new byte[20];
        h[0] = 0x7f;
        h[1] = 'E';
        h[2] = 'L';
        h[3] = 'F';
        h[4] = (byte) m[0];
        h[5] = (byte) m[1];
        h[6] = 1; // EI_VERSION
        boolean little = m[1] == 1;
        put16(h, 16, 2, little); // ET_EXEC
        put16(h, 18, m[2], little);
        return Optional.of(h);
    }

    private static void put16(byte[] h, int at, int value, boolean little) {
        h[at + (little ? 0 : 1)] = (byte) value;
        h[at + (little ? 1 : 0)] = (byte) (value >> 8);
    }
}
