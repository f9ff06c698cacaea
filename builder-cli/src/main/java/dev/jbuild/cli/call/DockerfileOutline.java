package dev.jbuild.cli.call;

import dev.jbuild.dockerfile.Dockerfile;
import dev.jbuild.dockerfile.Stage;
import dev.jbuild.dockerfile.instruction.Arg;
import dev.jbuild.dockerfile.instruction.Copy;
import dev.jbuild.dockerfile.instruction.Instruction;
import dev.jbuild.dockerfile.instruction.MountOptions;
import dev.jbuild.dockerfile.instruction.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What buildx's --call outline and targets read off a Dockerfile: its stages with their descriptions (the
 * comment lines right above each FROM, as BuildKit takes them, a leading stage name dropped), and for a
 * target the build args and secrets of the stages it needs, with defaults, descriptions and lines.
 */
final class DockerfileOutline {
    record Target(String name, String description) {
    }

    record BuildArg(String name, String value, String description, int line) {
    }

    record Secret(String id, boolean required, int line) {
    }

    private static final java.util.regex.Pattern DIRECTIVE = java.util.regex.Pattern.compile("(?i)(syntax|escape|check)\\s*=.*");
    private final Dockerfile dockerfile;
    private final List<String> lines;

    DockerfileOutline(Dockerfile dockerfile, String text) {
        this.dockerfile = dockerfile;
        this.lines = text.lines().toList();
    }

    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (Stage s : dockerfile.stages()) {
            String name = s.name().orElse(Integer.toString(s.index()));
            targets.add(new Target(name, description(s.from().range().startLine(), name)));
        }
        return targets;
    }

    Stage stage(Optional<String> target) {
        List<Stage> stages = dockerfile.stages();
        return target.map(t -> stages.stream().filter(s -> s.answersTo(t)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("target stage \"" + t + "\" could not be found")))
                .orElse(stages.get(stages.size() - 1));
    }

    String description(Stage stage) {
        return description(stage.from().range().startLine(), stage.name().orElse(Integer.toString(stage.index())));
    }

    /** The ARGs before the first FROM, then those of every stage the target needs, in the order they are declared. */
    List<BuildArg> args(Stage target) {
        List<BuildArg> args = new ArrayList<>();
        Map<String, BuildArg> seen = new LinkedHashMap<>();
        for (Arg a : dockerfile.metaArgs()) {
            add(a, seen);
        }
        for (Stage s : needed(target)) {
            for (Instruction i : s.instructions()) {
                if (i instanceof Arg a) {
                    add(a, seen);
                }
            }
        }
        args.addAll(seen.values());
        return args;
    }

    List<Secret> secrets(Stage target) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (Stage s : needed(target)) {
            for (Instruction i : s.instructions()) {
                if (i instanceof Run r) {
                    for (String mount : r.mounts()) {
                        Map<String, String> o = MountOptions.parse(mount, r.range().startLine());
                        if ("secret".equals(o.get("type"))) {
                            String target2 = o.getOrDefault("target", o.getOrDefault("dst", ""));
                            String id = o.getOrDefault("id", target2.isEmpty() ? "" : target2.substring(target2.lastIndexOf('/') + 1));
                            secrets.putIfAbsent(id, new Secret(id, "true".equals(o.get("required")), r.range().startLine()));
                        }
                    }
                }
            }
        }
        return List.copyOf(secrets.values());
    }

    private void add(Arg a, Map<String, BuildArg> seen) {
        String description = description(a.range().startLine(), null);
        for (Arg.Declaration d : a.declarations()) {
            seen.putIfAbsent(d.name(), new BuildArg(d.name(), d.defaultValue().orElse(""), description, a.range().startLine()));
        }
    }

    /** The target and the stages it builds on (FROM a stage, COPY --from, RUN --mount from), each once, dependencies first. */
    private List<Stage> needed(Stage target) {
        Set<Stage> order = new LinkedHashSet<>();
        collect(target, order, new LinkedHashSet<>());
        return List.copyOf(order);
    }

    private void collect(Stage stage, Set<Stage> order, Set<Integer> visiting) {
        if (!visiting.add(stage.index())) {
            return;
        }
        List<String> refs = new ArrayList<>(List.of(stage.from().image()));
        for (Instruction i : stage.instructions()) {
            if (i instanceof Copy c) {
                c.from().ifPresent(refs::add);
            } else if (i instanceof Run r) {
                r.mounts().stream().map(m -> MountOptions.parse(m, r.range().startLine()).get("from")).filter(f -> f != null).forEach(refs::add);
            }
        }
        for (String ref : refs) {
            dockerfile.stages().stream().filter(s -> s.index() < stage.index() && s.answersTo(ref)).findFirst()
                    .ifPresent(s -> collect(s, order, visiting));
        }
        order.add(stage);
    }

    /** The comment lines right above {@code line} (1-based), joined; a leading {@code name} word is dropped. */
    private String description(int line, String name) {
        List<String> comment = new ArrayList<>();
        for (int i = line - 2; i >= 0 && lines.get(i).strip().startsWith("#"); i--) {
            String text = lines.get(i).strip().replaceFirst("^#\\s?", "");
            if (!DIRECTIVE.matcher(text).matches()) { // a parser directive at the top is no description
                comment.add(0, text);
            }
        }
        String text = String.join(" ", comment).strip();
        return name != null && text.startsWith(name + " ") ? text.substring(name.length() + 1) : text;
    }
}
