package dev.jbuild.store.oci;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON of the store: compact, map keys sorted, so equal content gives equal bytes and equal digests. */
public final class Json {
    private Json() {
    }

    /** Made on first use: commands that only read the store's documents never build databind's machinery. */
    private static final class Databind {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Four spaces, docker's "key": value. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    /** The store's documents by the streaming writer (same bytes), others by databind. */
    public static byte[] bytes(Object value) {
        try {
            byte[] streamed = OciJsonWriter.bytes(value);
            return streamed != null ? streamed : Databind.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For people: fields in their own order, indented by four spaces as docker prints JSON. */
    public static String pretty(Object value) {
        try {
            String streamed = OciJsonWriter.pretty(value, new DefaultPrettyPrinter(PRETTY));
            return streamed != null ? streamed : Databind.MAPPER.writer(PRETTY).without(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store's documents (index, manifest, config, descriptor) by the streaming reader; others by databind. */
    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        try {
            if (type == ImageConfig.class) {
                return type.cast(OciJsonReader.config(json));
            }
            if (type == Manifest.class) {
                return type.cast(OciJsonReader.manifest(json));
            }
            if (type == ImageIndex.class) {
                return type.cast(OciJsonReader.index(json));
            }
            if (type == Descriptor.class) {
                return type.cast(OciJsonReader.descriptor(json));
            }
        } catch (IllegalArgumentException e) { // a malformed digest, say
            throw new com.fasterxml.jackson.core.JsonParseException(null, e.getMessage(), e);
        }
        return Databind.MAPPER.readValue(json, type);
    }

    public static ObjectMapper mapper() {
        return Databind.MAPPER;
    }
}
