package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.registry.auth.Credentials;
import dev.jbuild.store.Digest;
import dev.jbuild.store.blob.GrowingFile;
import dev.jbuild.store.Store;
import dev.jbuild.store.copy.Blob;
import dev.jbuild.store.copy.EarlyWrite;
import dev.jbuild.store.copy.Outcome;
import dev.jbuild.store.copy.RawManifest;
import dev.jbuild.store.oci.MediaTypes;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A blob sent to a real registry while it is being written: whole under its digest, or refused and left out. */
class StreamedUploadTest {
    @RegisterExtension
    static final RegistryServer OPEN = new RegistryServer();
    @RegisterExtension
    static final RegistryServer WITH_PASSWORD = new RegistryServer().withBasicAuth("alice", "s3cret");

    @TempDir
    Path dir;

    @Test
    void aBlobSentAsItIsWrittenArrivesWhole() throws Exception {
        sendsWhole(OPEN, Optional.empty());
        assertEquals(1, OPEN.countRequests("PATCH", "/v2/streamed/blobs/uploads/"), "one PATCH carried the bytes");
    }

    @Test
    void theStreamedBodyCarriesTheCredentials() throws Exception {
        sendsWhole(WITH_PASSWORD, Optional.of(new Credentials("alice", "s3cret")));
    }

    @Test
    void aLaterCopyToTheRepositoryAsksNothingOfWhatThisProcessSentThere() throws Exception {
        Store store = Store.open(dir.resolve("store"));
        ImageName destination = ImageName.parse(OPEN.host() + "/held/image:1");
        RegistryClient client = new RegistryClient(Endpoint.of(OPEN.host()), Optional.empty());
        byte[] content = random(4000);
        GrowingFile file = new GrowingFile(dir.resolve("held"));
        EarlyWrite early = new RegistrySink(client, destination, store).writeAsMade(file.reader()).orElseThrow();
        try (OutputStream out = file.writer()) {
            out.write(content);
        }
        file.finish();
        Digest digest = sha256(content);
        assertTrue(early.commit(blob(digest, content.length)));

        RegistrySink later = new RegistrySink(client, destination, store);
        assertEquals(Optional.of(Outcome.PRESENT), later.existing(blob(digest, content.length)));
        assertEquals(0, OPEN.countRequests("HEAD", digest.hex()), "known held: not asked about");

        byte[] naming = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + digest + "\",\"size\":" + content.length + "},\"layers\":[]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(later.holds(RawManifest.of(MediaTypes.OCI_MANIFEST, naming), List.of(destination)));
        assertEquals(0, OPEN.countRequests("HEAD", "/v2/held/image/manifests/"), "a config new there is named by no manifest there");
    }

    @Test
    void aWrongDigestIsRefusedAndNothingIsKept() throws Exception {
        RegistryClient client = new RegistryClient(Endpoint.of(OPEN.host()), Optional.empty());
        byte[] content = random(5000);
        GrowingFile file = new GrowingFile(dir.resolve("wrong"));
        StreamedUpload upload = StreamedUpload.start(client, "streamed", file.reader(), d -> { });
        try (OutputStream out = file.writer()) {
            out.write(content);
        }
        file.finish();
        Digest wrong = sha256(random(10));
        assertFalse(upload.commit(blob(wrong, content.length)), "the registry checks the digest");
        assertFalse(client.hasBlob("streamed", wrong));
    }

    private void sendsWhole(RegistryServer registry, Optional<Credentials> credentials) throws Exception {
        RegistryClient client = new RegistryClient(Endpoint.of(registry.host()), credentials);
        byte[] content = random(3_000_000);
        GrowingFile file = new GrowingFile(dir.resolve("blob-" + System.nanoTime()));
        List<Digest> committed = new java.util.ArrayList<>();
        StreamedUpload upload = StreamedUpload.start(client, "streamed", file.reader(), committed::add);
        try (OutputStream out = file.writer()) {
            for (int at = 0; at < content.length; at += 100_000) {
                out.write(content, at, Math.min(100_000, content.length - at));
                Thread.sleep(5); // the upload waits for the bytes still to come
            }
        }
        file.finish();
        Digest digest = sha256(content);
        assertTrue(upload.commit(blob(digest, content.length)));
        assertEquals(List.of(digest), committed);
        ByteArrayOutputStream fetched = new ByteArrayOutputStream();
        client.fetchBlob("streamed", digest, content.length, fetched);
        assertArrayEquals(content, fetched.toByteArray());
    }

    private static Blob blob(Digest digest, long size) {
        return new Blob(Descriptor.of("application/vnd.oci.image.layer.v1.tar+gzip", digest, size), null, null);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static Digest sha256(byte[] content) throws Exception {
        return Digest.sha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    }
}
