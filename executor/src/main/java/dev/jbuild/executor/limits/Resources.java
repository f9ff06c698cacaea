package dev.jbuild.executor.limits;

import dev.jbuild.executor.sandbox.SandboxException;
import java.util.List;
import java.util.Locale;

/**
 * What a container's or a RUN step's processes may use: resource limits (--ulimit, set by the sandbox
 * program before the command starts) and the size of its /dev/shm (--shm-size; 64 MiB unless given, as
 * docker has it).
 */
public record Resources(List<Ulimit> ulimits, long shmBytes) {
    public static final long DEFAULT_SHM = 64L << 20;
    public static final Resources DEFAULT = new Resources(List.of(), DEFAULT_SHM);

    public Resources {
        ulimits = List.copyOf(ulimits);
    }

    /** --ulimit specs and --shm-size (null: the default), checked. */
    public static Resources parse(List<String> ulimits, String shmSize) {
        return new Resources(ulimits.stream().map(Ulimit::parse).toList(), shmSize == null ? DEFAULT_SHM : bytes(shmSize));
    }

    /** docker's sizes: a number with an optional b, k, m or g (powers of 1024). */
    private static long bytes(String size) {
        String s = size.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        if ("bkmg".indexOf(last) >= 0) {
            unit = switch (last) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1;
            };
            s = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(s);
            if (n > 0) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new SandboxException("invalid --shm-size " + size + ": expected a size such as 64m", 125);
    }

    /** For the sandbox program: NAME=SOFT:HARD,… (empty: none). */
    public String sandboxUlimits() {
        return String.join(",", ulimits.stream().map(Ulimit::toString).toList());
    }
}
