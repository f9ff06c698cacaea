package dev.jbuild.cli.attest;

import dev.jbuild.cli.JbuildFailure;
import java.util.List;
import java.util.Map;

/**
 * Which attestations a build attaches, from buildx's flags: {@code --sbom[=true|false]},
 * {@code --provenance=true|false|mode=min|mode=max}, {@code --attest type=sbom|provenance[,mode=…][,disabled=true]}.
 * Without any of them a build attaches none: an attested build becomes an index and is stored in its pushed
 * (compressed) form, which buildx, too, does by default only on builders that keep indexes (the
 * docker-container driver), not on the classic docker driver most {@code docker build --push} users have.
 *
 * @param provenance null (none), "min" or "max"
 */
public record AttestRequest(boolean sbom, String provenance) {

    public static AttestRequest parse(Boolean sbom, String provenance, List<String> attest) {
        Boolean wantSbom = sbom;
        String mode = null;
        if (provenance != null) {
            mode = provenanceMode("--provenance " + provenance, provenance);
        }
        for (String spec : attest) {
            Map<String, String> a = attributes(spec);
            boolean disabled = "true".equals(a.get("disabled"));
            switch (a.getOrDefault("type", "")) {
                case "sbom" -> wantSbom = !disabled;
                case "provenance" -> {
                    mode = disabled ? null : provenanceMode("--attest " + spec, a.containsKey("mode") ? "mode=" + a.get("mode") : "true");
                }
                default -> throw new JbuildFailure("build: --attest " + spec + ": expected type=sbom or type=provenance");
            }
        }
        return new AttestRequest(wantSbom != null && wantSbom, mode);
    }

    private static String provenanceMode(String where, String value) {
        return switch (value) {
            case "true", "1", "mode=min" -> "min";
            case "mode=max" -> "max";
            case "false", "0" -> null;
            default -> throw new JbuildFailure("build: " + where + ": expected true, false, mode=min or mode=max");
        };
    }

    private static Map<String, String> attributes(String spec) {
        Map<String, String> a = new java.util.LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            a.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
        }
        return a;
    }

    public boolean any() {
        return sbom || provenance != null;
    }
}
