package dev.jbuild.dockerfile.syntax;

import dev.jbuild.dockerfile.DockerfileException;
import java.util.regex.Pattern;

/**
 * {@code # syntax=IMAGE}: BuildKit pulls that frontend image and lets it build; jbuild builds every
 * Dockerfile with its own frontend. Docker's own Dockerfile frontends (any version, labs, upstream) are
 * taken, with a line that says so; what the Dockerfile then uses that jbuild lacks fails by name where it
 * is met. Any other frontend speaks another language: refused at once.
 */
public final class SyntaxDirective {
    private static final Pattern DOCKERS = Pattern.compile("(docker\\.io/)?(docker/dockerfile(-upstream)?)([:@].*)?");

    private SyntaxDirective() {
    }

    /** The line to show for {@code syntax}; a DockerfileException for a frontend that is not Docker's Dockerfile one. */
    public static String describe(String syntax) {
        if (!DOCKERS.matcher(syntax).matches()) {
            throw new DockerfileException(1, "# syntax=" + syntax + " names another frontend than Docker's Dockerfile one:"
                    + " jbuild builds with its built-in Dockerfile frontend only");
        }
        return "# syntax=" + syntax + ": using jbuild's built-in Dockerfile frontend (the frontend image is not pulled)";
    }
}
