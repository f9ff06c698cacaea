package dev.jbuild.dockerfile.syntax;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.jbuild.dockerfile.shell.GoText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JSON ("exec") form of RUN, CMD, ENTRYPOINT, SHELL, ADD, COPY and VOLUME. */
public final class JsonArray {
    private JsonArray() {
    }

    /** Thrown for valid JSON that holds something other than strings: that is an error, not shell form. */
    static final class NotStringArray extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotStringArray() {
            super("JSON array must contain only strings");
        }
    }

    /** The streaming parser: far cheaper to start than an ObjectMapper, and all an array of strings needs. */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** The strings of {@code text} when it is a JSON array of strings; empty when it is not JSON at all. */
    static Optional<List<String>> parse(String text) {
        String trimmed = GoText.trimLeadingSpace(text);
        if (!trimmed.startsWith("[")) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        boolean onlyStrings = true;
        try (JsonParser p = FACTORY.createParser(trimmed)) {
            p.nextToken(); // START_ARRAY
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == JsonToken.VALUE_STRING) {
                    values.add(p.getText());
                } else {
                    onlyStrings = false;
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                return Optional.empty(); // trailing text: not one JSON value
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!onlyStrings) {
            throw new NotStringArray();
        }
        return Optional.of(values);
    }

    /** True when {@code text} looks like a JSON array ({@code [ ... ]}) but is not a valid one. */
    public static boolean looksLikeBrokenArray(String text) {
        String t = GoText.trimSpace(text);
        return t.startsWith("[") && t.endsWith("]") && parse(t).isEmpty();
    }
}
