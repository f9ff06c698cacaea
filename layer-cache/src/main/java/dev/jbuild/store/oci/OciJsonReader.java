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

    /**
     * What an array holds, for {@link #list}: named rather than passed as method references, each of
     * which a cold JVM links on first use (~0.4 ms apiece; a config's reading used 19).
     */
    private enum Element { DESCRIPTOR, HISTORY, DIGEST, TEXT, ANY }

    static ImageIndex index(byte[] json) throws IOException {
        try (JsonParser p = open(json)) {
            return index(p);
        }
    }

    static Manifest manifest(byte[] json) throws IOException {
        try (JsonParser p = open(json)) {
            return manifest(p);
        }
    }

    static ImageConfig config(byte[] json) throws IOException {
        try (JsonParser p = open(json)) {
            return config(p);
        }
    }

    static Descriptor descriptor(byte[] json) throws IOException {
        try (JsonParser p = open(json)) {
            return descriptor(p);
        }
    }

    private static JsonParser open(byte[] json) throws IOException {
        JsonParser p = FACTORY.createParser(json);
        p.nextToken();
        return p;
    }

    private static ImageIndex index(JsonParser p) throws IOException {
        int schemaVersion = 0;
        String mediaType = null;
        List<Descriptor> manifests = null;
        Map<String, String> annotations = null;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "schemaVersion" -> schemaVersion = (int) JsonIntegers.read(p);
                case "mediaType" -> mediaType = text(p);
                case "manifests" -> manifests = list(p, Element.DESCRIPTOR);
                case "annotations" -> annotations = stringMap(p);
                default -> p.skipChildren();
            }
        }
        return new ImageIndex(schemaVersion, mediaType, manifests, annotations);
    }

    private static Manifest manifest(JsonParser p) throws IOException {
        int schemaVersion = 0;
        String mediaType = null;
        Descriptor config = null;
        List<Descriptor> layers = null;
        Map<String, String> annotations = null;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "schemaVersion" -> schemaVersion = (int) JsonIntegers.read(p);
                case "mediaType" -> mediaType = text(p);
                case "config" -> config = isNull(p) ? null : descriptor(p);
                case "layers" -> layers = list(p, Element.DESCRIPTOR);
                case "annotations" -> annotations = stringMap(p);
                default -> p.skipChildren();
            }
        }
        return new Manifest(schemaVersion, mediaType, config, layers, annotations);
    }

    private static Descriptor descriptor(JsonParser p) throws IOException {
        String mediaType = null;
        Digest digest = null;
        long size = 0;
        Map<String, String> annotations = null;
        Descriptor.Platform platform = null;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "mediaType" -> mediaType = text(p);
                case "digest" -> digest = digest(p);
                case "size" -> size = JsonIntegers.read(p);
                case "annotations" -> annotations = stringMap(p);
                case "platform" -> platform = isNull(p) ? null : platform(p);
                default -> p.skipChildren();
            }
        }
        return new Descriptor(mediaType, digest, size, annotations, platform);
    }

    private static Descriptor.Platform platform(JsonParser p) throws IOException {
        String architecture = null;
        String os = null;
        String variant = null;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "architecture" -> architecture = text(p);
                case "os" -> os = text(p);
                case "variant" -> variant = text(p);
                default -> p.skipChildren();
            }
        }
        return new Descriptor.Platform(architecture, os, variant);
    }

    private static ImageConfig config(JsonParser p) throws IOException {
        String created = null;
        String author = null;
        String architecture = null;
        String os = null;
        String variant = null;
        ImageConfig.RunConfig config = null;
        ImageConfig.RootFs rootfs = null;
        List<ImageConfig.History> history = null;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "created" -> created = text(p);
                case "author" -> author = text(p);
                case "architecture" -> architecture = text(p);
                case "os" -> os = text(p);
                case "variant" -> variant = text(p);
                case "config" -> config = isNull(p) ? null : runConfig(p);
                case "rootfs" -> rootfs = isNull(p) ? null : rootFs(p);
                case "history" -> history = list(p, Element.HISTORY);
                default -> p.skipChildren();
            }
        }
        return new ImageConfig(created, author, architecture, os, variant, config, rootfs, history);
    }

    private static ImageConfig.RunConfig runConfig(JsonParser p) throws IOException {
        String user = null;
        Map<String, Object> exposedPorts = null;
        List<String> env = null;
        List<String> entrypoint = null;
        List<String> cmd = null;
        Map<String, Object> volumes = null;
        String workingDir = null;
        Map<String, String> labels = null;
        String stopSignal = null;
        Map<String, Object> healthcheck = null;
        List<String> onBuild = null;
        List<String> shell = null;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "User" -> user = text(p);
                case "ExposedPorts" -> exposedPorts = objectMap(p);
                case "Env" -> env = list(p, Element.TEXT);
                case "Entrypoint" -> entrypoint = list(p, Element.TEXT);
                case "Cmd" -> cmd = list(p, Element.TEXT);
                case "Volumes" -> volumes = objectMap(p);
                case "WorkingDir" -> workingDir = text(p);
                case "Labels" -> labels = stringMap(p);
                case "StopSignal" -> stopSignal = text(p);
                case "Healthcheck" -> healthcheck = objectMap(p);
                case "OnBuild" -> onBuild = list(p, Element.TEXT);
                case "Shell" -> shell = list(p, Element.TEXT);
                default -> p.skipChildren();
            }
        }
        return new ImageConfig.RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                healthcheck, onBuild, shell);
    }

    private static ImageConfig.RootFs rootFs(JsonParser p) throws IOException {
        String type = null;
        List<Digest> diffIds = null;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "type" -> type = text(p);
                case "diff_ids" -> diffIds = list(p, Element.DIGEST);
                default -> p.skipChildren();
            }
        }
        return new ImageConfig.RootFs(type, diffIds);
    }

    private static ImageConfig.History history(JsonParser p) throws IOException {
        String created = null;
        String createdBy = null;
        String author = null;
        String comment = null;
        boolean emptyLayer = false;
        for (String name = firstField(p); name != null; name = nextField(p)) {
            switch (name) {
                case "created" -> created = text(p);
                case "created_by" -> createdBy = text(p);
                case "author" -> author = text(p);
                case "comment" -> comment = text(p);
                case "empty_layer" -> emptyLayer = p.getValueAsBoolean();
                default -> p.skipChildren();
            }
        }
        return new ImageConfig.History(created, createdBy, author, comment, emptyLayer);
    }

    // --- the shapes every document is made of

    /**
     * Enters the object at the current token: the name of its first field, the parser on that field's
     * value, or null for an empty object. With {@link #nextField} it walks the fields; a field's reader
     * leaves the parser on the last token of the value, as {@code skipChildren} does.
     */
    private static String firstField(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("expected a JSON object at " + p.currentLocation().offsetDescription()
                    + ", found " + p.currentToken());
        }
        return nextField(p);
    }

    /** The next field's name, the parser on its value; null at the object's end. */
    private static String nextField(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String name = p.currentName();
        p.nextToken();
        return name;
    }

    private static boolean isNull(JsonParser p) {
        return p.currentToken() == JsonToken.VALUE_NULL;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(JsonParser p, Element element) throws IOException {
        if (isNull(p)) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            return List.of((T) element(p, element)); // a single value where an array belongs, as databind may accept
        }
        List<T> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            out.add((T) element(p, element));
        }
        return out;
    }

    private static Object element(JsonParser p, Element element) throws IOException {
        return switch (element) {
            case DESCRIPTOR -> descriptor(p);
            case HISTORY -> history(p);
            case DIGEST -> Digest.parse(p.getText());
            case TEXT -> text(p);
            case ANY -> any(p);
        };
    }

    private static Digest digest(JsonParser p) throws IOException {
        return isNull(p) ? null : Digest.parse(p.getText());
    }

    private static Map<String, String> stringMap(JsonParser p) throws IOException {
        if (isNull(p)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name = firstField(p); name != null; name = nextField(p)) {
            out.put(name, text(p));
        }
        return out;
    }

    private static Map<String, Object> objectMap(JsonParser p) throws IOException {
        if (isNull(p)) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name = firstField(p); name != null; name = nextField(p)) {
            out.put(name, any(p));
        }
        return out;
    }

    /** Any value as databind's untyped reading gives it: maps, lists, strings, numbers, booleans, null. */
    private static Object any(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> objectMap(p);
            case START_ARRAY -> list(p, Element.ANY);
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
