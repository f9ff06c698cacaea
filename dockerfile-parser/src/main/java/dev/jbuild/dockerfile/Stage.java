package dev.jbuild.dockerfile;

import dev.jbuild.dockerfile.instruction.From;
import dev.jbuild.dockerfile.instruction.Instruction;
import java.util.List;
import java.util.Optional;

/** One build stage: a FROM and the instructions up to the next FROM. */
public record Stage(int index, From from, List<Instruction> instructions) {

    public Stage {
        instructions = List.copyOf(instructions);
    }

    public Optional<String> name() {
        return from.stageName();
    }

    /** What {@code --target} and {@code --from} may call it: its name, else its index. */
    public boolean answersTo(String reference) {
        return name().map(reference::equalsIgnoreCase).orElse(false) || reference.equals(Integer.toString(index));
    }
}
