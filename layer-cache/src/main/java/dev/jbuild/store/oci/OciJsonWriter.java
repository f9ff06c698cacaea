package dev.jbuild.store.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the store's documents (index, manifest, config, descriptor) with jackson-core's streaming
 * generator, byte for byte as databind writes them with the records' annotations (fields in record
 * order, map keys sorted, empty values left out where the record says so; OciJsonWriterTest holds
 * it to that), without building databind's machinery: ~80 ms of every command that writes one.
 */
final class OciJsonWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private OciJsonWriter() {
    }

    /** {@code value} as JSON, or null when it is not one of the store's documents. */
    static byte[] bytes(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (value instanceof ImageConfig c) {
                config(g, c);
            } else if (value instanceof Manifest m) {
                manifest(g, m);
            } else if (value instanceof ImageIndex i) {
                index(g, i);
            } else if (value instanceof Descriptor d) {
                descriptor(g, d);
            } else if (value instanceof ImageConfig.RunConfig r) {
                runConfig(g, r);
            } else {
                return null;
            }
        }
        return out.toByteArray();
    }

    /** The value holds something only databind knows how to write ({@link #pretty} then leaves it to databind). */
    static final class NotPlain extends RuntimeException {
        NotPlain(Object v) {
            super("no JSON form for " + v.getClass().getName(), null, false, false);
        }
    }

    /**
     * {@code value} as people read it, made of maps (in their own order), lists, strings, numbers,
     * booleans and the store's documents; null when it holds anything else.
     */
    static String pretty(Object value, com.fasterxml.jackson.core.PrettyPrinter printer) throws IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(printer);
            value(g, value, false);
        } catch (NotPlain e) {
            return null;
        }
        return out.toString();
    }

    private static void index(JsonGenerator g, ImageIndex i) throws IOException {
        g.writeStartObject();
        g.writeNumberField("schemaVersion", i.schemaVersion());
        nonEmpty(g, "mediaType", i.mediaType());
        g.writeFieldName("manifests"); // always, even empty (the spec requires it)
        if (i.manifests() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (Descriptor d : i.manifests()) {
                descriptor(g, d);
            }
            g.writeEndArray();
        }
        stringMap(g, "annotations", i.annotations());
        g.writeEndObject();
    }

    private static void manifest(JsonGenerator g, Manifest m) throws IOException {
        g.writeStartObject();
        g.writeNumberField("schemaVersion", m.schemaVersion());
        nonEmpty(g, "mediaType", m.mediaType());
        if (m.config() != null) {
            g.writeFieldName("config");
            descriptor(g, m.config());
        }
        g.writeArrayFieldStart("layers"); // required by the image spec, even empty (an image of no layer)
        for (Descriptor d : m.layers()) {
            descriptor(g, d);
        }
        g.writeEndArray();
        stringMap(g, "annotations", m.annotations());
        g.writeEndObject();
    }

    private static void descriptor(JsonGenerator g, Descriptor d) throws IOException {
        g.writeStartObject();
        nonEmpty(g, "mediaType", d.mediaType());
        if (d.digest() != null) {
            g.writeStringField("digest", d.digest().toString());
        }
        g.writeNumberField("size", d.size());
        stringMap(g, "annotations", d.annotations());
        Descriptor.Platform p = d.platform();
        if (p != null) {
            g.writeObjectFieldStart("platform");
            nonEmpty(g, "architecture", p.architecture());
            nonEmpty(g, "os", p.os());
            nonEmpty(g, "variant", p.variant());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void config(JsonGenerator g, ImageConfig c) throws IOException {
        g.writeStartObject();
        nonNull(g, "created", c.created());
        nonNull(g, "author", c.author());
        nonNull(g, "architecture", c.architecture());
        nonNull(g, "os", c.os());
        nonNull(g, "variant", c.variant());
        if (c.config() != null) {
            g.writeFieldName("config");
            runConfig(g, c.config());
        }
        if (c.rootfs() != null) {
            g.writeObjectFieldStart("rootfs");
            g.writeFieldName("type");
            g.writeString(c.rootfs().type());
            g.writeFieldName("diff_ids");
            if (c.rootfs().diffIds() == null) {
                g.writeNull();
            } else {
                g.writeStartArray();
                for (var d : c.rootfs().diffIds()) {
                    g.writeString(d.toString());
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeArrayFieldStart("history");
        for (ImageConfig.History h : c.history()) {
            history(g, h);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void history(JsonGenerator g, ImageConfig.History h) throws IOException {
        g.writeStartObject(); // NON_DEFAULT: no nulls, no empty strings, no false
        nonEmpty(g, "created", h.created());
        nonEmpty(g, "created_by", h.createdBy());
        nonEmpty(g, "author", h.author());
        nonEmpty(g, "comment", h.comment());
        if (h.emptyLayer()) {
            g.writeBooleanField("empty_layer", true);
        }
        g.writeEndObject();
    }

    private static void runConfig(JsonGenerator g, ImageConfig.RunConfig r) throws IOException {
        g.writeStartObject();
        nonEmpty(g, "User", r.user());
        objectMap(g, "ExposedPorts", r.exposedPorts());
        stringList(g, "Env", r.env());
        stringList(g, "Entrypoint", r.entrypoint());
        stringList(g, "Cmd", r.cmd());
        objectMap(g, "Volumes", r.volumes());
        nonEmpty(g, "WorkingDir", r.workingDir());
        stringMap(g, "Labels", r.labels());
        nonEmpty(g, "StopSignal", r.stopSignal());
        objectMap(g, "Healthcheck", r.healthcheck());
        stringList(g, "OnBuild", r.onBuild());
        stringList(g, "Shell", r.shell());
        g.writeEndObject();
    }

    // --- the shapes every document is made of

    private static void nonNull(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void nonEmpty(JsonGenerator g, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(name, value);
        }
    }

    private static void stringList(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values != null && !values.isEmpty()) {
            g.writeArrayFieldStart(name);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    private static void stringMap(JsonGenerator g, String name, Map<String, String> map) throws IOException {
        if (map != null && !map.isEmpty()) {
            g.writeObjectFieldStart(name);
            for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
    }

    private static void objectMap(JsonGenerator g, String name, Map<String, Object> map) throws IOException {
        if (map != null && !map.isEmpty()) {
            g.writeFieldName(name);
            value(g, map, true);
        }
    }

    /**
     * Plain values as databind writes them: maps (keys sorted for the store's documents, in their own
     * order for people), lists, strings, numbers, booleans, null, and the records that nest in them.
     * Anything else: {@link NotPlain}.
     */
    private static void value(JsonGenerator g, Object v, boolean sortKeys) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : (sortKeys ? new TreeMap<>(map) : map).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue(), sortKeys);
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                value(g, o, sortKeys);
            }
            g.writeEndArray();
        } else if (v instanceof String str) {
            g.writeString(str);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof ImageConfig.RunConfig r) {
            runConfig(g, r);
        } else if (v instanceof ImageConfig.History h) {
            history(g, h);
        } else if (v instanceof Descriptor d) {
            descriptor(g, d);
        } else {
            throw new NotPlain(v);
        }
    }
}
