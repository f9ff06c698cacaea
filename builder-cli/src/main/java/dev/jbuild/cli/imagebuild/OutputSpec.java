package dev.jbuild.cli.imagebuild;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One --output value as BuildKit reads it: comma-separated KEY=VALUE pairs, a pair in double quotes
 * may hold commas ({@code "name=a,b"}); a bare path means type=local, "-" type=tar to standard output.
 */
final class OutputSpec {
    private OutputSpec() {
    }

    static Map<String, String> attributes(String spec) {
        Map<String, String> o = new LinkedHashMap<>();
        if (!spec.contains("=")) {
            o.put("type", spec.equals("-") ? "tar" : "local");
            o.put("dest", spec);
            return o;
        }
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i <= spec.length(); i++) {
            char c = i < spec.length() ? spec.charAt(i) : ',';
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                String p = part.toString();
                int eq = p.indexOf('=');
                o.put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 1));
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        return o;
    }
}
