package dev.jbuild.store.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.jbuild.store.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the store's own documents (index, manifest, config) with jackson-core's streaming parser.
 * Reflective databind costs about 0.2 s of a command's start the first time it meets a record type
 * (../shared/PEERS.md); everyday commands read only these types, so they never pay it. Lenient as
 * databind is configured: unknown fields are skipped, missing ones are null (or 0 / false).
 */
final class OciJsonReader {
    private static final JsonFactory FACTORY = new JsonFactory();

    private OciJsonReader() {
    }

    /** One field of an object, its value the parser's current token. */
    private interface FieldReader {
        void read(String name, JsonParser p) throws IOException;
    }

    static ImageIndex index(byte[] json) throws IOException {
        return read(json, OciJsonReader::index);
    }

    static Manifest manifest(byte[] json) throws IOException {
        return read(json, OciJsonReader::manifest);
    }

    static ImageConfig config(byte[] json) throws IOException {
        return read(json, OciJsonReader::config);
    }

    static Descriptor descriptor(byte[] json) throws IOException {
        return read(json, OciJsonReader::descriptor);
    }

    private static <T> T read(byte[] json, ValueReader<T> reader) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            p.nextToken();
            return reader.read(p);
        }
    }

    private static ImageIndex index(JsonParser p) throws IOException {
        Object[] f = {0, null, null};
        fields(p, (name, v) -> {
            switch (name) {
                case "schemaVersion" -> f[0] = v.getValueAsInt();
                case "mediaType" -> f[1] = text(v);
                case "manifests" -> f[2] = list(v, OciJsonReader::descriptor);
                default -> v.skipChildren();
            }
        });
        @SuppressWarnings("unchecked")
        ImageIndex index = new ImageIndex((Integer) f[0], (String) f[1], (List<Descriptor>) f[2]);
        return index;
    }

    private static Manifest manifest(JsonParser p) throws IOException {
        Object[] f = new Object[5];
        f[0] = 0;
        fields(p, (name, v) -> {
            switch (name) {
                case "schemaVersion" -> f[0] = v.getValueAsInt();
                case "mediaType" -> f[1] = text(v);
                case "config" -> f[2] = nullOr(v, OciJsonReader::descriptor);
                case "layers" -> f[3] = list(v, OciJsonReader::descriptor);
                case "annotations" -> f[4] = stringMap(v);
                default -> v.skipChildren();
            }
        });
        @SuppressWarnings("unchecked")
        Manifest m = new Manifest((Integer) f[0], (String) f[1], (Descriptor) f[2], (List<Descriptor>) f[3],
                (Map<String, String>) f[4]);
        return m;
    }

    private static Descriptor descriptor(JsonParser p) throws IOException {
        Object[] f = new Object[5];
        f[2] = 0L;
        fields(p, (name, v) -> {
            switch (name) {
                case "mediaType" -> f[0] = text(v);
                case "digest" -> f[1] = v.currentToken() == JsonToken.VALUE_NULL ? null : Digest.parse(v.getText());
                case "size" -> f[2] = v.getValueAsLong();
                case "annotations" -> f[3] = stringMap(v);
                case "platform" -> f[4] = nullOr(v, OciJsonReader::platform);
                default -> v.skipChildren();
            }
        });
        @SuppressWarnings("unchecked")
        Descriptor d = new Descriptor((String) f[0], (Digest) f[1], (Long) f[2], (Map<String, String>) f[3],
                (Descriptor.Platform) f[4]);
        return d;
    }

    private static Descriptor.Platform platform(JsonParser p) throws IOException {
        String[] f = new String[3];
        fields(p, (name, v) -> {
            switch (name) {
                case "architecture" -> f[0] = text(v);
                case "os" -> f[1] = text(v);
                case "variant" -> f[2] = text(v);
                default -> v.skipChildren();
            }
        });
        return new Descriptor.Platform(f[0], f[1], f[2]);
    }

    private static ImageConfig config(JsonParser p) throws IOException {
        Object[] f = new Object[8];
        fields(p, (name, v) -> {
            switch (name) {
                case "created" -> f[0] = text(v);
                case "author" -> f[1] = text(v);
                case "architecture" -> f[2] = text(v);
                case "os" -> f[3] = text(v);
                case "variant" -> f[4] = text(v);
                case "config" -> f[5] = nullOr(v, OciJsonReader::runConfig);
                case "rootfs" -> f[6] = nullOr(v, OciJsonReader::rootFs);
                case "history" -> f[7] = list(v, OciJsonReader::history);
                default -> v.skipChildren();
            }
        });
        @SuppressWarnings("unchecked")
        ImageConfig c = new ImageConfig((String) f[0], (String) f[1], (String) f[2], (String) f[3], (String) f[4],
                (ImageConfig.RunConfig) f[5], (ImageConfig.RootFs) f[6], (List<ImageConfig.History>) f[7]);
        return c;
    }

    @SuppressWarnings("unchecked")
    private static ImageConfig.RunConfig runConfig(JsonParser p) throws IOException {
        Object[] f = new Object[12];
        fields(p, (name, v) -> {
            switch (name) {
                case "User" -> f[0] = text(v);
                case "ExposedPorts" -> f[1] = objectMap(v);
                case "Env" -> f[2] = stringList(v);
                case "Entrypoint" -> f[3] = stringList(v);
                case "Cmd" -> f[4] = stringList(v);
                case "Volumes" -> f[5] = objectMap(v);
                case "WorkingDir" -> f[6] = text(v);
                case "Labels" -> f[7] = stringMap(v);
                case "StopSignal" -> f[8] = text(v);
                case "Healthcheck" -> f[9] = objectMap(v);
                case "OnBuild" -> f[10] = stringList(v);
                case "Shell" -> f[11] = stringList(v);
                default -> v.skipChildren();
            }
        });
        return new ImageConfig.RunConfig((String) f[0], (Map<String, Object>) f[1], (List<String>) f[2],
                (List<String>) f[3], (List<String>) f[4], (Map<String, Object>) f[5], (String) f[6],
                (Map<String, String>) f[7], (String) f[8], (Map<String, Object>) f[9], (List<String>) f[10],
                (List<String>) f[11]);
    }

    private static ImageConfig.RootFs rootFs(JsonParser p) throws IOException {
        Object[] f = new Object[2];
        fields(p, (name, v) -> {
            switch (name) {
                case "type" -> f[0] = text(v);
                case "diff_ids" -> f[1] = list(v, e -> Digest.parse(e.getText()));
                default -> v.skipChildren();
            }
        });
        @SuppressWarnings("unchecked")
        ImageConfig.RootFs r = new ImageConfig.RootFs((String) f[0], (List<Digest>) f[1]);
        return r;
    }

    private static ImageConfig.History history(JsonParser p) throws IOException {
        Object[] f = new Object[5];
        f[4] = false;
        fields(p, (name, v) -> {
            switch (name) {
                case "created" -> f[0] = text(v);
                case "created_by" -> f[1] = text(v);
                case "author" -> f[2] = text(v);
                case "comment" -> f[3] = text(v);
                case "empty_layer" -> f[4] = v.getValueAsBoolean();
                default -> v.skipChildren();
            }
        });
        return new ImageConfig.History((String) f[0], (String) f[1], (String) f[2], (String) f[3], (Boolean) f[4]);
    }

    // --- the shapes every document is made of

    /** Calls {@code reader} for each field of the object at the current token; leaves the parser on its end. */
    private static void fields(JsonParser p, FieldReader reader) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("expected a JSON object at " + p.currentLocation().offsetDescription()
                    + ", found " + p.currentToken());
        }
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            reader.read(name, p);
        }
    }

    private interface ValueReader<T> {
        T read(JsonParser p) throws IOException;
    }

    private static <T> T nullOr(JsonParser p, ValueReader<T> reader) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : reader.read(p);
    }

    private static <T> List<T> list(JsonParser p, ValueReader<T> element) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            return List.of(element.read(p)); // a single value where an array belongs, as databind may accept
        }
        List<T> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            out.add(element.read(p));
        }
        return out;
    }

    private static List<String> stringList(JsonParser p) throws IOException {
        return list(p, OciJsonReader::text);
    }

    private static Map<String, String> stringMap(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        fields(p, (name, v) -> out.put(name, text(v)));
        return out;
    }

    private static Map<String, Object> objectMap(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        fields(p, (name, v) -> out.put(name, any(v)));
        return out;
    }

    /** Any value as databind's untyped reading gives it: maps, lists, strings, numbers, booleans, null. */
    private static Object any(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> objectMap(p);
            case START_ARRAY -> list(p, OciJsonReader::any);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> null;
        };
    }

    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            throw new IOException("expected a string at " + p.currentLocation().offsetDescription() + ", found " + t);
        }
        return p.getText();
    }
}
