package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;
import java.util.List;

/** {@code SHELL ["executable", "param"...]}: what runs shell-form commands from here on. */
public record Shell(List<String> shell, String original, SourceRange range) implements Instruction {

    public Shell {
        shell = List.copyOf(shell);
    }
}
