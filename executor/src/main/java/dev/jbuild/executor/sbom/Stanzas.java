package dev.jbuild.executor.sbom;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 822-like records separated by blank lines, as dpkg's status, apk's installed database and
 * Python's METADATA write them: "Key: value", continuation lines indented.
 */
final class Stanzas {
    private Stanzas() {
    }

    /** Every record; {@code separator} is ':' (dpkg, METADATA) — apk's "K:value" is the same form. */
    static List<Map<String, String>> read(BufferedReader in) throws IOException {
        List<Map<String, String>> records = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String last = null;
        for (String line = in.readLine(); ; line = in.readLine()) {
            if (line == null || line.isEmpty()) {
                if (!current.isEmpty()) {
                    records.add(current);
                    current = new LinkedHashMap<>();
                }
                last = null;
                if (line == null) {
                    return records;
                }
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                current.put(last, current.get(last) + "\n" + line.trim());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                last = line.substring(0, colon);
                current.putIfAbsent(last, line.substring(colon + 1).trim());
            }
        }
    }
}
