package dev.jbuild.cli.attest;

import dev.jbuild.store.Digest;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-toto statement (v0.1, as BuildKit writes them) about one platform's image of a build. */
final class InTotoStatement {
    static final String TYPE = "https://in-toto.io/Statement/v0.1";

    private InTotoStatement() {
    }

    /** The statement's bytes: its subjects are the image under each of its names, by manifest digest. */
    static byte[] of(String predicateType, List<ImageName> names, Platform platform, Digest manifest, Object predicate) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("_type", TYPE);
        s.put("predicateType", predicateType);
        List<Object> subjects = new ArrayList<>();
        for (String name : subjectNames(names, platform)) {
            subjects.add(Map.of("name", name, "digest", Map.of("sha256", manifest.hex())));
        }
        s.put("subject", subjects);
        s.put("predicate", predicate);
        return (Json.pretty(s) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** pkg:docker/REPOSITORY@TAG?platform=OS%2FARCH for each name ("_" for an image without one, as BuildKit). */
    private static List<String> subjectNames(List<ImageName> names, Platform platform) {
        String qualifier = "?platform=" + platform.toString().replace("/", "%2F");
        if (names.isEmpty()) {
            return List.of("_");
        }
        return names.stream().map(n -> "pkg:docker/" + n.repository() + "@" + (n.tag() != null ? n.tag() : "latest") + qualifier).toList();
    }
}
