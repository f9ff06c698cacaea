package dev.jbuild.dockerfile.syntax;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.dockerfile.shell.GoText;
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

    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The strings of {@code text} when it is a JSON array of strings; empty when it is not JSON at all. */
    static Optional<List<String>> parse(String text) {
        String trimmed = GoText.trimLeadingSpace(text);
        if (!trimmed.startsWith("[")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = Mapper.INSTANCE.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !node.isArray()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw new NotStringArray();
            }
            values.add(element.textValue());
        }
        return Optional.of(values);
    }

    /** True when {@code text} looks like a JSON array ({@code [ ... ]}) but is not a valid one. */
    public static boolean looksLikeBrokenArray(String text) {
        String t = GoText.trimSpace(text);
        return t.startsWith("[") && t.endsWith("]") && parse(t).isEmpty();
    }
}
