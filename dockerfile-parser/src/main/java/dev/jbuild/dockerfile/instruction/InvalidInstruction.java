package dev.jbuild.dockerfile.instruction;

/** An instruction that parsed as a line but does not make sense: wrong arguments or flags. */
public class InvalidInstruction extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInstruction(String message) {
        super(message);
    }
}
