package dev.jbuild.store.oci;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Integers of the store's JSON read from their text: Jackson's own conversion initializes its
 * NumberInput, which compiles a regular expression and so links the JVM's lambda machinery (~10 ms of
 * a cold start, paid by `images`, `ps` and every run). Anything but a plain integer is left to Jackson.
 */
public final class JsonIntegers {
    private JsonIntegers() {
    }

    /** The current token as a long, as {@link JsonParser#getValueAsLong()} gives it. */
    public static long read(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            String digits = p.getText();
            if (digits.length() <= 18) {
                return Long.parseLong(digits);
            }
        }
        return p.getValueAsLong();
    }
}
