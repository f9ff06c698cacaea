package dev.jbuild.executor.sbom;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Package URLs (github.com/package-url/purl-spec): type, namespace, name, version, qualifiers, percent-encoded. */
final class Purls {
    private Purls() {
    }

    static String of(String type, String namespace, String name, String version, String qualifiers) {
        StringBuilder b = new StringBuilder("pkg:").append(type).append('/');
        if (namespace != null && !namespace.isEmpty()) {
            for (String segment : namespace.split("/")) {
                b.append(encode(segment)).append('/');
            }
        }
        b.append(encode(name));
        if (version != null && !version.isEmpty()) {
            b.append('@').append(encode(version));
        }
        if (qualifiers != null && !qualifiers.isEmpty()) {
            b.append('?').append(qualifiers);
        }
        return b.toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":").replace("%7E", "~");
    }
}
