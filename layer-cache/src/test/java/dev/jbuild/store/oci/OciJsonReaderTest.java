package dev.jbuild.store.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The streaming reader gives exactly what databind gives, on jbuild's documents and on other tools'. */
class OciJsonReaderTest {
    private static final ObjectMapper DATABIND = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String D1 = "sha256:" + "a".repeat(64);
    private static final String D2 = "sha256:" + "b".repeat(64);

    private static <T> void sameAsDatabind(String json, Class<T> type) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(DATABIND.readValue(bytes, type), Json.read(bytes, type), json);
    }

    @Test
    void configsReadAsDatabindReadsThem() throws IOException {
        sameAsDatabind("{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2026-01-01T00:00:00Z\","
                + "\"author\":\"me\",\"variant\":\"v8\",\"docker_version\":\"24.0\",\"container_config\":{\"Hostname\":\"x\"},"
                + "\"config\":{\"User\":\"app\",\"ExposedPorts\":{\"80/tcp\":{}},\"Env\":[\"PATH=/bin\",\"A=b c\"],"
                + "\"Entrypoint\":[\"/init\"],\"Cmd\":[\"sh\",\"-c\",\"echo \\\"hi\\\"\"],\"Volumes\":{\"/data\":{}},"
                + "\"WorkingDir\":\"/app\",\"Labels\":{\"b\":\"2\",\"a\":\"1\"},\"StopSignal\":\"SIGTERM\","
                + "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":30000000000,\"Retries\":3,\"Ratio\":0.5},"
                + "\"OnBuild\":[\"RUN x\"],\"Shell\":[\"/bin/bash\",\"-c\"],\"Unknown\":[1,{\"deep\":null}]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + D1 + "\",\"" + D2 + "\"]},"
                + "\"history\":[{\"created\":\"2026\",\"created_by\":\"RUN x\",\"empty_layer\":true,\"comment\":\"c\"},{\"author\":\"a\"}]}",
                ImageConfig.class);
        sameAsDatabind("{\"config\":{\"Env\":null,\"Cmd\":null,\"Labels\":null},\"rootfs\":null,\"history\":null}", ImageConfig.class);
        sameAsDatabind("{}", ImageConfig.class);
    }

    @Test
    void manifestsIndexesAndDescriptorsReadAsDatabindReadsThem() throws IOException {
        String descriptor = "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + D1 + "\","
                + "\"size\":12345678901,\"annotations\":{\"z\":\"1\",\"a\":\"2\"},\"urls\":[\"http://x\"]}";
        sameAsDatabind(descriptor, Descriptor.class);
        sameAsDatabind("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"c\",\"digest\":\"" + D2 + "\",\"size\":7},\"layers\":[" + descriptor + "],"
                + "\"annotations\":{\"k\":\"v\"},\"subject\":null}", Manifest.class);
        sameAsDatabind("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"m\",\"digest\":\"" + D1 + "\",\"size\":1,"
                + "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\",\"os.features\":[]}}]}", ImageIndex.class);
        sameAsDatabind("{\"schemaVersion\":2,\"manifests\":[]}", ImageIndex.class);
    }

    @Test
    void whatIsNotAnObjectOrADigestIsAnError() {
        assertThrows(IOException.class, () -> Json.read("[1]".getBytes(), Manifest.class));
        assertThrows(IOException.class, () -> Json.read("{\"config\":{\"digest\":\"nope\"}}".getBytes(), Manifest.class));
        assertThrows(IOException.class, () -> Json.read("{\"layers\":[".getBytes(), Manifest.class));
    }
}
