package dev.jbuild.executor.limits;

import dev.jbuild.executor.sandbox.SandboxException;
import java.util.Locale;
import java.util.Set;

/** One resource limit as docker's --ulimit writes it: {@code NAME=SOFT[:HARD]}, -1 for unlimited. */
public record Ulimit(String name, long soft, long hard) {
    /** The names docker takes (setrlimit's resources without RLIMIT_). */
    static final Set<String> NAMES = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc",
            "rss", "rtprio", "rttime", "sigpending", "stack", "as");

    public static Ulimit parse(String spec) {
        int eq = spec.indexOf('=');
        String name = eq < 0 ? "" : spec.substring(0, eq).toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new SandboxException("invalid --ulimit " + spec + ": expected NAME=SOFT[:HARD] with NAME one of "
                    + String.join(", ", new java.util.TreeSet<>(NAMES)), 125);
        }
        String[] values = spec.substring(eq + 1).split(":", -1);
        long soft = value(spec, values[0]);
        long hard = values.length > 1 ? value(spec, values[1]) : soft;
        if (values.length > 2 || hard != -1 && (soft == -1 || soft > hard)) {
            throw new SandboxException("invalid --ulimit " + spec + ": the soft limit must not exceed the hard one", 125);
        }
        return new Ulimit(name, soft, hard);
    }

    private static long value(String spec, String text) {
        try {
            long v = Long.parseLong(text);
            if (v >= -1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new SandboxException("invalid --ulimit " + spec + ": '" + text + "' is not a number (-1: unlimited)", 125);
    }

    /** NAME=SOFT:HARD, as written back and as the sandbox program reads it. */
    @Override
    public String toString() {
        return name + "=" + soft + ":" + hard;
    }
}
