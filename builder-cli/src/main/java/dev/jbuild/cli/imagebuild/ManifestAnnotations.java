package dev.jbuild.cli.imagebuild;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.store.platform.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * --annotation as buildx takes it: {@code KEY=VALUE} or {@code manifest:KEY=VALUE} annotate every image
 * manifest, {@code manifest[PLATFORM]:} that platform's only, {@code index:} the index of a
 * multi-platform build. A build of one platform makes no index, so {@code index:} is refused there in one
 * line rather than dropped, as are the descriptor forms jbuild does not write. Keys are kept sorted: a
 * manifest's bytes, and so its digest, do not depend on the order of the options.
 */
final class ManifestAnnotations {
    private static final Pattern PREFIXED = Pattern.compile("(manifest|index|manifest-descriptor|index-descriptor)(\\[[^]]*])?:(.*)");

    private record Annotation(String type, Platform platform, String key, String value) {
    }

    private final List<Annotation> annotations;

    private ManifestAnnotations(List<Annotation> annotations) {
        this.annotations = annotations;
    }

    static ManifestAnnotations parse(List<String> specs, List<Platform> platforms) {
        List<Annotation> parsed = new java.util.ArrayList<>();
        for (String spec : specs) {
            Matcher m = PREFIXED.matcher(spec);
            String type = m.matches() ? m.group(1) : "manifest";
            String keyValue = m.matches() ? m.group(3) : spec;
            Platform platform = null;
            if (m.matches() && m.group(2) != null) {
                String p = m.group(2).substring(1, m.group(2).length() - 1);
                platform = Platform.parse(p);
                if (!platforms.contains(platform)) {
                    throw new JbuildFailure("build: --annotation " + spec + ": this build makes " + platforms + " only");
                }
            }
            if (type.equals("index") && platforms.size() == 1) {
                throw new JbuildFailure("build: --annotation " + spec + ": a build of one platform makes no index (use manifest: or no prefix)");
            }
            if (type.endsWith("-descriptor")) {
                throw new JbuildFailure("build: --annotation " + spec + ": descriptor annotations are not written; use manifest: or index:");
            }
            int at = keyValue.indexOf('=');
            if (at <= 0) {
                throw new JbuildFailure("build: --annotation " + spec + ": expected [manifest:|index:]KEY=VALUE");
            }
            parsed.add(new Annotation(type, platform, keyValue.substring(0, at), keyValue.substring(at + 1)));
        }
        return new ManifestAnnotations(parsed);
    }

    /** The annotations of one platform's manifest. */
    Map<String, String> manifest(Platform platform) {
        Map<String, String> out = new TreeMap<>();
        for (Annotation a : annotations) {
            if (a.type().equals("manifest") && (a.platform() == null || a.platform().equals(platform))) {
                out.put(a.key(), a.value());
            }
        }
        return out;
    }

    /** Each platform's manifest annotations. */
    Map<Platform, Map<String, String>> perPlatform(List<Platform> platforms) {
        Map<Platform, Map<String, String>> out = new LinkedHashMap<>();
        platforms.forEach(p -> out.put(p, manifest(p)));
        return out;
    }

    /** The index's own. */
    Map<String, String> index() {
        Map<String, String> out = new TreeMap<>();
        for (Annotation a : annotations) {
            if (a.type().equals("index")) {
                out.put(a.key(), a.value());
            }
        }
        return out;
    }
}
