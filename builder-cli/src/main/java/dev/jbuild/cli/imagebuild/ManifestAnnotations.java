package dev.jbuild.cli.imagebuild;

import dev.jbuild.cli.JbuildFailure;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * --annotation as buildx takes it: {@code KEY=VALUE} or {@code manifest:KEY=VALUE} (also
 * {@code manifest[PLATFORM]:} for the platform built) annotate the image manifest. A build of one platform
 * makes no index, so {@code index:}, {@code index-descriptor:} and {@code manifest-descriptor:} are refused
 * in one line rather than dropped. Keys are kept sorted: the manifest's bytes, and so its digest, do not
 * depend on the order of the options.
 */
final class ManifestAnnotations {
    private static final Pattern PREFIXED = Pattern.compile("(manifest|index|manifest-descriptor|index-descriptor)(\\[[^]]*])?:(.*)");

    private ManifestAnnotations() {
    }

    static Map<String, String> parse(List<String> specs, String platform) {
        Map<String, String> annotations = new TreeMap<>();
        for (String spec : specs) {
            Matcher m = PREFIXED.matcher(spec);
            String type = m.matches() ? m.group(1) : "manifest";
            String keyValue = m.matches() ? m.group(3) : spec;
            if (m.matches() && m.group(2) != null && !m.group(2).equals("[" + platform + "]")) {
                throw new JbuildFailure("build: --annotation " + spec + ": this build makes " + platform + " only");
            }
            if (!type.equals("manifest")) {
                throw new JbuildFailure("build: --annotation " + spec + ": a build of one platform makes no index (use manifest: or no prefix)");
            }
            int at = keyValue.indexOf('=');
            if (at <= 0) {
                throw new JbuildFailure("build: --annotation " + spec + ": expected [manifest:]KEY=VALUE");
            }
            annotations.put(keyValue.substring(0, at), keyValue.substring(at + 1));
        }
        return annotations;
    }
}
