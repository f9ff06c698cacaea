package dev.jbuild.dockerfile.shell;

/** A word that cannot be expanded: bad substitution, unterminated quote, {@code ${v:?msg}} on an unset v. */
public class ExpansionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExpansionException(String message) {
        super(message);
    }
}
