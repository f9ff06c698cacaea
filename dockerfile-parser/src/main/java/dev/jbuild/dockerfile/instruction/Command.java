package dev.jbuild.dockerfile.instruction;

import java.util.List;

/**
 * The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK: in exec form the argument vector, in shell
 * form one string that the image's SHELL runs.
 */
public record Command(List<String> args, boolean shellForm) {

    public Command {
        args = List.copyOf(args);
    }

    public static Command shell(String script) {
        return new Command(List.of(script), true);
    }

    public static Command exec(List<String> argv) {
        return new Command(argv, false);
    }

    /** The argument vector to execute, given the SHELL in force for shell form. */
    public List<String> argv(List<String> shell) {
        if (!shellForm) {
            return args;
        }
        List<String> out = new java.util.ArrayList<>(shell);
        out.addAll(args);
        return out;
    }
}
