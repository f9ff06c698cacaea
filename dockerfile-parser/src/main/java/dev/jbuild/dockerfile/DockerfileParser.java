package dev.jbuild.dockerfile;

import dev.jbuild.dockerfile.instruction.Arg;
import dev.jbuild.dockerfile.instruction.From;
import dev.jbuild.dockerfile.instruction.Instruction;
import dev.jbuild.dockerfile.instruction.InstructionFactory;
import dev.jbuild.dockerfile.instruction.InvalidInstruction;
import dev.jbuild.dockerfile.syntax.LineParser;
import dev.jbuild.dockerfile.syntax.Node;
import dev.jbuild.dockerfile.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Parses a Dockerfile into stages, failing on the first error: what a build needs. */
public final class DockerfileParser {
    private DockerfileParser() {
    }

    public static Dockerfile parse(String text) {
        SyntaxTree tree = LineParser.parse(text);
        for (Problem p : tree.problems()) {
            if (p.isError()) {
                throw new DockerfileException(p.line(), p.message());
            }
        }
        List<Problem> warnings = new ArrayList<>(tree.problems());
        return assemble(tree, problem -> {
            throw new DockerfileException(problem.line(), problem.message());
        }, warnings);
    }

    /** Groups instructions into stages; each error goes to {@code onError}, which may throw or collect. */
    static Dockerfile assemble(SyntaxTree tree, Consumer<Problem> onError, List<Problem> warnings) {
        List<Arg> metaArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        From from = null;
        List<Instruction> body = new ArrayList<>();
        for (Node node : tree.nodes()) {
            Instruction instruction;
            try {
                instruction = InstructionFactory.create(node);
            } catch (InvalidInstruction e) {
                onError.accept(Problem.error(node.line(), e.getMessage()));
                continue;
            }
            if (instruction instanceof From f) {
                if (from != null) {
                    stages.add(new Stage(stages.size(), from, body));
                }
                from = f;
                body = new ArrayList<>();
            } else if (from == null) {
                if (instruction instanceof Arg a) {
                    metaArgs.add(a);
                } else {
                    onError.accept(Problem.error(node.line(), "no FROM before " + node.instructionName()
                            + ": a Dockerfile must start with FROM (only ARG may come before it)"));
                }
            } else {
                body.add(instruction);
            }
        }
        if (from != null) {
            stages.add(new Stage(stages.size(), from, body));
        } else {
            onError.accept(Problem.error(0, "no FROM instruction: nothing to build"));
        }
        return new Dockerfile(tree.directives(), metaArgs, stages, warnings);
    }
}
