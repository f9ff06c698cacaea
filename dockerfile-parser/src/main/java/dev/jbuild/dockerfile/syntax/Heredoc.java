package dev.jbuild.dockerfile.syntax;

/**
 * A here-document of a RUN, COPY or ADD line.
 *
 * @param name   the terminator word, quotes removed
 * @param content the body, each line with its newline
 * @param expand false when any part of the name was quoted ({@code <<'EOF'}): the body is then literal
 * @param chomp  {@code <<-}: leading tabs are removed from each body line when it is used
 * @param fileDescriptor the N of {@code N<<EOF}, 0 when absent
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp, int fileDescriptor) {

    /** The body as it is used: with {@code <<-}, leading tabs removed from every line. */
    public String effectiveContent() {
        if (!chomp) {
            return content;
        }
        StringBuilder out = new StringBuilder(content.length());
        boolean lineStart = true;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (lineStart && c == '\t') {
                continue;
            }
            lineStart = c == '\n';
            out.append(c);
        }
        return out.toString();
    }

    Heredoc withContent(String body) {
        return new Heredoc(name, body, expand, chomp, fileDescriptor);
    }
}
