package dev.jbuild.cli.attest;

import dev.jbuild.executor.imagebuild.Materials;
import dev.jbuild.store.Digest;
import dev.jbuild.store.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SLSA provenance predicate BuildKit writes by default (v0.2): the builder (jbuild and its version),
 * BuildKit's build type (the Dockerfile frontend's semantics, which jbuild implements), the Dockerfile
 * as the config source (path and digest), the target and platform, the materials with their digests,
 * start and finish. mode=max adds the build args and the Dockerfile's text.
 */
final class SlsaProvenance {
    static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v0.2";
    static final String BUILD_TYPE = "https://mobyproject.org/buildkit@v1";

    private SlsaProvenance() {
    }

    static Map<String, Object> of(BuildFacts facts, Platform platform, String mode, String jbuildVersion) {
        boolean max = mode.equals("max");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("builder", Map.of("id", "pkg:generic/jbuild@" + jbuildVersion));
        p.put("buildType", BUILD_TYPE);
        List<Object> materials = new ArrayList<>();
        for (Materials.Material m : facts.materials().getOrDefault(platform, List.of())) {
            int colon = m.digest().indexOf(':');
            materials.add(Map.of("uri", m.uri(), "digest", Map.of(m.digest().substring(0, colon), m.digest().substring(colon + 1))));
        }
        p.put("materials", materials);
        Map<String, Object> configSource = new LinkedHashMap<>();
        facts.contextUri().ifPresent(uri -> configSource.put("uri", uri));
        configSource.put("digest", Map.of("sha256", Digest.of(facts.dockerfileText().getBytes(StandardCharsets.UTF_8)).hex()));
        configSource.put("entryPoint", facts.dockerfilePath());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("frontend", "dockerfile.v0");
        Map<String, String> args = new TreeMap<>();
        facts.target().ifPresent(t -> args.put("target", t));
        if (max) {
            facts.buildArgs().forEach((k, v) -> args.put("build-arg:" + k, v));
        }
        parameters.put("args", args);
        parameters.put("locals", facts.contextUri().isPresent() ? List.of() : List.of(Map.of("name", "context"), Map.of("name", "dockerfile")));
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("configSource", configSource);
        invocation.put("parameters", parameters);
        invocation.put("environment", Map.of("platform", platform.toString()));
        p.put("invocation", invocation);
        if (max) {
            p.put("buildConfig", Map.of("dockerfile", Map.of("path", facts.dockerfilePath(), "text", facts.dockerfileText())));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("buildStartedOn", facts.startedOn());
        metadata.put("buildFinishedOn", facts.finishedOn());
        metadata.put("completeness", Map.of("parameters", max, "environment", true, "materials", false));
        metadata.put("reproducible", false);
        p.put("metadata", metadata);
        return p;
    }
}
