package dev.jbuild.dockerfile;

import dev.jbuild.dockerfile.instruction.Arg;
import dev.jbuild.dockerfile.instruction.Cmd;
import dev.jbuild.dockerfile.instruction.Copy;
import dev.jbuild.dockerfile.instruction.Entrypoint;
import dev.jbuild.dockerfile.instruction.Env;
import dev.jbuild.dockerfile.instruction.Expander;
import dev.jbuild.dockerfile.instruction.Healthcheck;
import dev.jbuild.dockerfile.instruction.Instruction;
import dev.jbuild.dockerfile.instruction.Maintainer;
import dev.jbuild.dockerfile.instruction.Workdir;
import dev.jbuild.dockerfile.shell.ExpansionException;
import dev.jbuild.dockerfile.syntax.JsonArray;
import dev.jbuild.dockerfile.syntax.LineParser;
import dev.jbuild.dockerfile.syntax.Node;
import dev.jbuild.dockerfile.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything wrong with a Dockerfile at once, without building it ({@code jbuild build --check}):
 * syntax and instruction errors, stage and ARG mistakes, and warnings for what builds but misleads.
 */
public final class DockerfileChecker {
    private static final Set<String> JSON_CAPABLE = Set.of("run", "cmd", "entrypoint", "shell", "add", "copy", "volume");

    private DockerfileChecker() {
    }

    public static List<Problem> check(String text) {
        SyntaxTree tree;
        try {
            tree = LineParser.parse(text);
        } catch (DockerfileException e) {
            return List.of(Problem.error(e.line(), e.reason()));
        }
        List<Problem> problems = new ArrayList<>(tree.problems());
        for (Node node : tree.nodes()) {
            checkNode(node, problems);
        }
        Dockerfile dockerfile = DockerfileParser.assemble(tree, problems::add, List.of());
        checkFromArgs(dockerfile, problems);
        checkStages(dockerfile, problems);
        checkSecretNames(dockerfile, problems);
        problems.sort(Comparator.comparingInt(Problem::line));
        return problems;
    }

    private static void checkNode(Node node, List<Problem> problems) {
        if (JSON_CAPABLE.contains(node.keyword()) && !node.json() && !node.args().isEmpty()
                && JsonArray.looksLikeBrokenArray(String.join(" ", node.args()))) {
            problems.add(Problem.warning(node.line(), node.instructionName()
                    + " argument looks like a JSON array but is not valid JSON; it is used as a shell command"));
        }
        if ((node.keyword().equals("env") || node.keyword().equals("label")) && node.args().size() == 3
                && node.args().get(2).isEmpty()) {
            problems.add(Problem.warning(node.line(), "legacy \"" + node.instructionName()
                    + " key value\" form; write " + node.instructionName() + " key=value"));
        }
    }

    /** FROM may use only ARGs declared before the first FROM, and the platform ARGs every build has. */
    private static void checkFromArgs(Dockerfile dockerfile, List<Problem> problems) {
        Map<String, String> declared = new HashMap<>();
        for (Arg arg : dockerfile.metaArgs()) {
            for (Arg.Declaration d : arg.declarations()) {
                declared.put(d.name(), d.defaultValue().orElse(""));
            }
        }
        for (Stage stage : dockerfile.stages()) {
            Set<String> undefined = new HashSet<>();
            Expander expander = new Expander(dockerfile.escape(), name -> {
                if (declared.containsKey(name)) {
                    return declared.get(name);
                }
                if (!BuildArgs.PLATFORM.contains(name)) {
                    undefined.add(name);
                }
                return null;
            });
            try {
                String image = expander.word(stage.from().image());
                stage.from().platform().ifPresent(expander::word);
                if (image.isEmpty()) {
                    problems.add(Problem.error(stage.from().range().startLine(), "FROM names no image: \""
                            + stage.from().image() + "\" expands to an empty string"));
                }
            } catch (ExpansionException e) {
                problems.add(Problem.error(stage.from().range().startLine(), e.getMessage()));
            }
            for (String name : undefined.stream().sorted().toList()) {
                problems.add(Problem.error(stage.from().range().startLine(), "FROM uses undefined ARG " + name
                        + " (declare it with ARG before the first FROM)"));
            }
        }
    }

    /** BuildKit's SecretsUsedInArgOrEnv: a value given by ARG or ENV stays in the image; a secret mount does not. */
    private static void checkSecretNames(Dockerfile dockerfile, List<Problem> problems) {
        List<Instruction> all = new ArrayList<>(dockerfile.metaArgs());
        for (Stage stage : dockerfile.stages()) {
            all.addAll(stage.instructions());
        }
        for (Instruction in : all) {
            List<String> names = new ArrayList<>();
            if (in instanceof Arg arg) {
                arg.declarations().forEach(d -> names.add(d.name()));
            } else if (in instanceof Env env) {
                env.variables().forEach(v -> names.add(v.key()));
            }
            for (String name : names) {
                if (SecretNames.looksSecret(name)) {
                    problems.add(Problem.warning(in.range().startLine(), "SecretsUsedInArgOrEnv: do not use ARG or ENV"
                            + " for sensitive data (" + (in instanceof Arg ? "ARG" : "ENV") + " \"" + name
                            + "\"); use RUN --mount=type=secret"));
                }
            }
        }
    }

    private static void checkStages(Dockerfile dockerfile, List<Problem> problems) {
        Map<String, Stage> byName = new HashMap<>();
        for (Stage stage : dockerfile.stages()) {
            int line = stage.from().range().startLine();
            stage.name().ifPresent(name -> {
                if (byName.putIfAbsent(name, stage) != null) {
                    problems.add(Problem.error(line, "duplicate stage name \"" + name + "\" (first at line "
                            + byName.get(name).from().range().startLine() + ")"));
                }
            });
            Map<Class<?>, Integer> lastOnly = new HashMap<>();
            boolean workdirSet = false;
            for (Instruction in : stage.instructions()) {
                int at = in.range().startLine();
                if (in instanceof Copy copy && copy.from().isPresent() && stage.answersTo(copy.from().get())) {
                    problems.add(Problem.error(at, "COPY --from=" + copy.from().get() + " refers to its own stage"));
                }
                if (in instanceof Maintainer) {
                    problems.add(Problem.warning(at, "MAINTAINER is deprecated; use LABEL maintainer=..."));
                }
                if (in instanceof Cmd || in instanceof Entrypoint || in instanceof Healthcheck) {
                    Integer previous = lastOnly.put(in.getClass(), at);
                    if (previous != null) {
                        problems.add(Problem.warning(previous, "several " + in.getClass().getSimpleName().toUpperCase()
                                + " instructions in one stage: only the last (line " + at + ") takes effect"));
                    }
                }
                if ((in instanceof Cmd c && c.command().shellForm()) || (in instanceof Entrypoint e && e.command().shellForm())) {
                    problems.add(Problem.warning(at, "JSON arguments recommended for "
                            + (in instanceof Cmd ? "CMD" : "ENTRYPOINT") + " so that signals reach the command"));
                }
                if (in instanceof Workdir w) {
                    if (!workdirSet && !w.path().startsWith("/") && !w.path().startsWith("$")) {
                        problems.add(Problem.warning(at, "relative WORKDIR \"" + w.path()
                                + "\" depends on the base image's working directory; use an absolute path"));
                    }
                    workdirSet = true;
                }
            }
        }
    }
}
