package dev.jbuild.store.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming writer gives databind's bytes exactly: the same documents, the same digests, the
 * same image IDs as before it (read with databind from other tools' JSON, written both ways).
 */
class OciJsonWriterTest {
    private static final ObjectMapper DATABIND = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String D1 = "sha256:" + "a".repeat(64);
    private static final String D2 = "sha256:" + "b".repeat(64);

    private static <T> void writtenAsDatabindWritesIt(String json, Class<T> type) throws IOException {
        T value = DATABIND.readValue(json.getBytes(StandardCharsets.UTF_8), type);
        assertEquals(new String(DATABIND.writeValueAsBytes(value), StandardCharsets.UTF_8),
                new String(OciJsonWriter.bytes(value), StandardCharsets.UTF_8), json);
    }

    @Test
    void configs() throws IOException {
        writtenAsDatabindWritesIt("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-01-01T00:00:00Z\","
                + "\"author\":\"me\",\"variant\":\"v8\",\"docker_version\":\"24.0\","
                + "\"config\":{\"User\":\"app\",\"ExposedPorts\":{\"80/tcp\":{},\"53/udp\":{}},\"Env\":[\"PATH=/bin\",\"A=b \\\"c\\\" é\"],"
                + "\"Entrypoint\":[\"/init\"],\"Cmd\":[\"sh\",\"-c\",\"echo \\\"hi\\\"\\n\\t\"],\"Volumes\":{\"/data\":{}},"
                + "\"WorkingDir\":\"/app\",\"Labels\":{\"b\":\"2\",\"a\":\"1\",\"\":\"\"},\"StopSignal\":\"SIGTERM\","
                + "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":30000000000,\"Retries\":3,\"Ratio\":0.5,\"On\":true},"
                + "\"OnBuild\":[\"RUN x\"],\"Shell\":[\"/bin/bash\",\"-c\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + D1 + "\",\"" + D2 + "\"]},"
                + "\"history\":[{\"created\":\"2026\",\"created_by\":\"RUN x\",\"empty_layer\":true,\"comment\":\"c\"},"
                + "{\"author\":\"a\",\"created_by\":\"\"},{}]}", ImageConfig.class);
        writtenAsDatabindWritesIt("{\"config\":{\"User\":\"\",\"Env\":[],\"Cmd\":null,\"Labels\":{}},\"rootfs\":{\"type\":\"layers\"},\"history\":[]}",
                ImageConfig.class);
        writtenAsDatabindWritesIt("{\"config\":{}}", ImageConfig.class);
        writtenAsDatabindWritesIt("{}", ImageConfig.class);
        writtenAsDatabindWritesIt("{\"User\":\"1000\",\"Env\":[\"A=1\"]}", ImageConfig.RunConfig.class);
    }

    @Test
    void aManifestWithoutLayersStillHasTheLayersTheImageSpecRequires() throws IOException {
        Manifest empty = Manifest.oci(new Descriptor(MediaTypes.OCI_CONFIG, dev.jbuild.store.Digest.parse(D1), 2, null, null), List.of());
        String json = new String(OciJsonWriter.bytes(empty), StandardCharsets.UTF_8);
        assertEquals(true, json.contains("\"layers\":[]"), json);
        assertEquals(json, new String(DATABIND.writeValueAsBytes(empty), StandardCharsets.UTF_8));
    }

    @Test
    void manifestsIndexesAndDescriptors() throws IOException {
        String descriptor = "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + D1 + "\","
                + "\"size\":12345678901,\"annotations\":{\"z\":\"1\",\"a\":\"2\"}}";
        writtenAsDatabindWritesIt(descriptor, Descriptor.class);
        writtenAsDatabindWritesIt("{\"digest\":\"" + D1 + "\",\"size\":0,\"mediaType\":\"\"}", Descriptor.class);
        writtenAsDatabindWritesIt("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"c\",\"digest\":\"" + D2 + "\",\"size\":7},\"layers\":[" + descriptor + "],"
                + "\"annotations\":{\"k\":\"v\"}}", Manifest.class);
        writtenAsDatabindWritesIt("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + D2 + "\",\"size\":7},\"layers\":[]}", Manifest.class);
        writtenAsDatabindWritesIt("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"m\",\"digest\":\"" + D1 + "\",\"size\":1,"
                + "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}},"
                + "{\"digest\":\"" + D2 + "\",\"size\":2,\"platform\":{\"os\":\"linux\"}}]}", ImageIndex.class);
        writtenAsDatabindWritesIt("{\"schemaVersion\":2,\"manifests\":[]}", ImageIndex.class);
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}",
                new String(Json.bytes(ImageIndex.of(List.of())), StandardCharsets.UTF_8));
    }

    @Test
    void prettyOutputForPeopleIsDatabindsToo() throws IOException {
        ImageConfig config = DATABIND.readValue(("{\"config\":{\"User\":\"app\",\"Env\":[\"A=1\"],\"Labels\":{\"a\":\"1\"},"
                + "\"ExposedPorts\":{\"80/tcp\":{}}},\"history\":[{\"created_by\":\"RUN x\",\"empty_layer\":true}]}")
                .getBytes(StandardCharsets.UTF_8), ImageConfig.class);
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("Id", D1);
        m.put("Tags", List.of("a:1", "b:2"));
        m.put("Config", config.config());
        m.put("Size", 12345L);
        m.put("Variant", null);
        m.put("History", config.history());
        m.put("Empty", java.util.Map.of());
        String databind = DATABIND.writer(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                        .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("    ", "\n"))
                        .withArrayIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("    ", "\n"))
                        .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                                .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER)))
                .without(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(List.of(m));
        assertEquals(databind, Json.pretty(List.of(m)));
    }
}
