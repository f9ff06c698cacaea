package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.DockerfileException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The options of one {@code RUN --mount=}: comma-separated KEY=VALUE, a bare KEY meaning true; keys lower-cased. */
public final class MountOptions {
    private MountOptions() {
    }

    public static Map<String, String> parse(String spec, int line) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            String k = (eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String v = eq < 0 ? "true" : part.substring(eq + 1).trim();
            if (k.isEmpty()) {
                throw new DockerfileException(line, "RUN --mount=" + spec + ": empty option");
            }
            o.put(k, v);
        }
        return o;
    }
}
