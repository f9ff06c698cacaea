package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.JbuildProcess.Result;
import dev.jbuild.registry.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SBOM and provenance attestations: exactly right on fixtures (a real Debian, a Maven-built jar, an npm
 * tree), stored and pushed as BuildKit's attestation storage describes, checked with skopeo and the
 * registry's own API, and free of secrets.
 */
class AttestationIT {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Result ok(String... args) throws Exception {
        return JbuildProcess.okInStore(work.resolve("store"), args);
    }

    /** The (name, version) of each package of an ecosystem in an SPDX document. */
    private static Set<String> packages(String spdx, String purlType) throws Exception {
        Set<String> found = new TreeSet<>();
        for (JsonNode p : JSON.readTree(spdx).get("packages")) {
            if (p.get("externalRefs").get(0).get("referenceLocator").asText().startsWith("pkg:" + purlType + "/")) {
                found.add(p.get("name").asText() + " " + p.get("versionInfo").asText());
            }
        }
        return found;
    }

    @Test
    void theDebianSbomIsExactlyWhatDpkgQuerySaysInsideTheImage() throws Exception {
        String rootfs = System.getenv("JBUILD_DEBIAN_ROOTFS");
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(rootfs != null && Files.isRegularFile(Path.of(rootfs)), "CI must provide JBUILD_DEBIAN_ROOTFS");
        }
        Assumptions.assumeTrue(rootfs != null && Files.isRegularFile(Path.of(rootfs)), "no Debian root file system (JBUILD_DEBIAN_ROOTFS)");
        ok("import", rootfs, "debian:bookworm");
        Path ctx = Files.createDirectories(work.resolve("debian"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM debian:bookworm\nLABEL purpose=sbom\n");
        ok("build", "-q", "--sbom", "-t", "deb:1", ctx.toString());
        Set<String> fromSbom = packages(ok("sbom", "deb:1").out(), "deb");
        Set<String> fromDpkg = new TreeSet<>(ok("run", "--rm", "debian:bookworm", "dpkg-query", "-W", "-f", "${Package} ${Version}\\n")
                .out().lines().filter(l -> !l.isBlank()).toList());
        assertTrue(fromDpkg.size() > 50, fromDpkg::toString);
        assertEquals(fromDpkg, fromSbom);
        String cyclonedx = ok("sbom", "--format", "cyclonedx-json", "deb:1").out();
        assertEquals(fromDpkg.size(), JSON.readTree(cyclonedx).get("components").size());
    }

    @Test
    void aMavenJarImageListsItsJarsCoordinatesAndAnNpmImageItsLockfilesPackages() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("apps"));
        try (ZipOutputStream app = new ZipOutputStream(Files.newOutputStream(ctx.resolve("app.jar")))) {
            entry(app, "META-INF/maven/com.example/app/pom.properties", "groupId=com.example\nartifactId=app\nversion=1.4.2\n".getBytes());
            entry(app, "BOOT-INF/lib/jackson-core-2.17.1.jar", jarOf("com.fasterxml.jackson.core", "jackson-core", "2.17.1"));
            entry(app, "BOOT-INF/lib/picocli-4.7.6.jar", jarOf("info.picocli", "picocli", "4.7.6"));
        }
        Files.writeString(ctx.resolve("package-lock.json"), """
                {"name": "web", "version": "1.0.0", "lockfileVersion": 3, "packages": {
                  "": {"name": "web", "version": "1.0.0"},
                  "node_modules/express": {"version": "4.19.2", "license": "MIT"},
                  "node_modules/@types/node": {"version": "20.12.7", "license": "MIT"},
                  "node_modules/express/node_modules/debug": {"version": "2.6.9", "license": "MIT"}}}
                """);
        JsonNode lock = JSON.readTree(ctx.resolve("package-lock.json").toFile());
        Set<String> fromLock = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = lock.get("packages").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().isEmpty()) {
                String name = e.getKey().substring(e.getKey().lastIndexOf("node_modules/") + "node_modules/".length());
                Path manifest = Files.createDirectories(ctx.resolve(e.getKey())).resolve("package.json");
                Files.writeString(manifest, "{\"name\":\"" + name + "\",\"version\":\"" + e.getValue().get("version").asText()
                        + "\",\"license\":\"MIT\"}");
                fromLock.add(name + " " + e.getValue().get("version").asText());
            }
        }
        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY app.jar /app/app.jar\nCOPY package-lock.json /web/\n"
                + "COPY node_modules /web/node_modules\n");
        Path tar = work.resolve("apps.tar");
        ok("build", "-q", "--sbom", "-t", "apps:1", "-o", "type=tar,dest=" + tar, ctx.toString());
        assertTrue(Fixtures.exec("tar", "-tf", tar.toString()).out().contains("app/app.jar"), "one platform's files, attested or not");
        String spdx = ok("sbom", "apps:1").out();
        assertEquals(Set.of("com.example:app 1.4.2", "com.fasterxml.jackson.core:jackson-core 2.17.1", "info.picocli:picocli 4.7.6"),
                packages(spdx, "maven"));
        assertEquals(fromLock, packages(spdx, "npm"));
    }

    @Test
    void buildKitsScanArgsAddTheStagesAndTheContextTheyName() throws Exception {
        Path ctx = Files.createDirectories(work.resolve("stages"));
        Files.createDirectories(ctx.resolve("tools/node_modules/lint"));
        Files.writeString(ctx.resolve("tools/node_modules/lint/package.json"), "{\"name\":\"lint\",\"version\":\"9.0.0\"}");
        Files.createDirectories(ctx.resolve("deps/node_modules/left-pad"));
        Files.writeString(ctx.resolve("deps/node_modules/left-pad/package.json"), "{\"name\":\"left-pad\",\"version\":\"1.3.0\"}");
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM scratch AS deps
                ARG BUILDKIT_SBOM_SCAN_STAGE=true
                COPY deps /deps
                FROM scratch AS unscanned
                COPY tools /tools
                FROM scratch
                ARG BUILDKIT_SBOM_SCAN_CONTEXT
                COPY --from=deps /deps/node_modules/left-pad/package.json /left-pad.json
                COPY --from=unscanned /tools/node_modules/lint/package.json /lint.json
                """);
        ok("build", "-q", "--sbom", "--build-arg", "BUILDKIT_SBOM_SCAN_CONTEXT=true", "-t", "stages:1", ctx.toString());
        JsonNode spdx = JSON.readTree(ok("sbom", "stages:1").out());
        Set<String> sources = new TreeSet<>();
        spdx.get("packages").forEach(p -> sources.add(p.get("name").asText() + " " + p.get("sourceInfo").asText()));
        assertEquals(Set.of(
                "left-pad acquired package info from deps:/deps/node_modules/left-pad/package.json",
                "left-pad acquired package info from context:/deps/node_modules/left-pad/package.json",
                "lint acquired package info from context:/tools/node_modules/lint/package.json"), sources,
                "the final image has none; the stage that asked and the context do; the other stage is not scanned");
    }

    @Test
    void pushedAttestationsAreStoredAsBuildKitStoresThemResolveAndHoldNoSecret() throws Exception {
        ok("import", Fixtures.busyboxTar().toString(), "busybox:latest");
        Path ctx = Files.createDirectories(work.resolve("secret"));
        String secretValue = "s3cr3t-" + System.nanoTime();
        Path secretFile = Files.writeString(work.resolve("token-file-" + System.nanoTime()), secretValue);
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nARG VERSION\n"
                + "RUN --mount=type=secret,id=token test \"$(sha256sum < /run/secrets/token | cut -c1-64)\" = "
                + sha256(secretValue.getBytes(StandardCharsets.UTF_8)).substring(7) + " && echo $VERSION > /version\n"); // the step saw it
        String app = REGISTRY.host() + "/att/app:1";
        Path metadata = work.resolve("metadata.json");
        Result built = ok("build", "--sbom", "--provenance=mode=max", "--secret", "id=token,src=" + secretFile, "--build-arg", "VERSION=7",
                "--push", "-t", app, "--metadata-file", metadata.toString(), ctx.toString());
        String id = built.out().lines().reduce((x, y) -> y).orElse("");
        assertEquals(id, JSON.readTree(metadata.toFile()).get("containerimage.config.digest").asText(), "one platform: its image ID");

        Fixtures.requireTool("skopeo");
        byte[] raw = raw(app);
        JsonNode index = JSON.readTree(raw);
        assertEquals("application/vnd.oci.image.index.v1+json", index.get("mediaType").asText(), "one platform becomes an index");
        assertEquals(sha256(raw), JSON.readTree(metadata.toFile()).get("containerimage.digest").asText());
        assertEquals(2, index.get("manifests").size());
        JsonNode image = index.get("manifests").get(0);
        JsonNode attestation = index.get("manifests").get(1);
        assertEquals("linux", image.get("platform").get("os").asText());
        assertEquals("unknown", attestation.get("platform").get("os").asText());
        assertEquals("unknown", attestation.get("platform").get("architecture").asText());
        assertEquals("attestation-manifest", attestation.get("annotations").get("vnd.docker.reference.type").asText());
        assertEquals(image.get("digest").asText(), attestation.get("annotations").get("vnd.docker.reference.digest").asText());

        StringBuilder everything = new StringBuilder(new String(raw, StandardCharsets.UTF_8));
        Set<String> predicates = new TreeSet<>();
        for (JsonNode entry : index.get("manifests")) {
            byte[] manifestBytes = raw(REGISTRY.host() + "/att/app@" + entry.get("digest").asText());
            assertEquals(entry.get("digest").asText(), sha256(manifestBytes), "every manifest digest resolves");
            everything.append(new String(manifestBytes, StandardCharsets.UTF_8));
            JsonNode manifest = JSON.readTree(manifestBytes);
            everything.append(new String(blob("att/app", manifest.get("config").get("digest").asText()), StandardCharsets.UTF_8));
            for (JsonNode layer : manifest.get("layers")) {
                byte[] bytes = blob("att/app", layer.get("digest").asText());
                if (entry == attestation) {
                    assertEquals("application/vnd.in-toto+json", layer.get("mediaType").asText());
                    predicates.add(layer.get("annotations").get("in-toto.io/predicate-type").asText());
                    JsonNode statement = JSON.readTree(bytes);
                    assertEquals(layer.get("annotations").get("in-toto.io/predicate-type").asText(), statement.get("predicateType").asText());
                    assertEquals(image.get("digest").asText().substring(7), statement.get("subject").get(0).get("digest").get("sha256").asText(),
                            "the statement is about the image as the registry holds it");
                    everything.append(new String(bytes, StandardCharsets.UTF_8));
                }
            }
        }
        assertEquals(Set.of("https://slsa.dev/provenance/v0.2", "https://spdx.dev/Document"), predicates);

        String provenance = JbuildProcess.okInStore(work.resolve("elsewhere"), "provenance", "--tls-verify=false", "docker://" + app).out();
        JsonNode predicate = JSON.readTree(provenance).get("predicate");
        assertEquals("https://mobyproject.org/buildkit@v1", predicate.get("buildType").asText());
        assertTrue(predicate.get("builder").get("id").asText().startsWith("pkg:generic/jbuild@"));
        assertEquals(sha256(Files.readAllBytes(ctx.resolve("Dockerfile"))).substring(7),
                predicate.get("invocation").get("configSource").get("digest").get("sha256").asText());
        assertEquals("7", predicate.get("invocation").get("parameters").get("args").get("build-arg:VERSION").asText(), "max: the args");
        assertEquals(1, predicate.get("materials").size(), provenance);
        assertTrue(predicate.get("materials").get(0).get("uri").asText().startsWith("pkg:docker/docker.io/library/busybox@latest?platform="),
                provenance);
        assertEquals(ok("provenance", app).out(), provenance, "the store's and the registry's are one");
        assertFalse(ok("sbom", app).out().isBlank());
        String inspect = ok("inspect", app).out();
        assertEquals(1, JSON.readTree(inspect).get(0).get("Attestations").asInt(), inspect);
        everything.append(provenance).append(inspect);
        assertFalse(everything.toString().contains(secretValue), "a secret's value appears nowhere");
        assertFalse(everything.toString().contains(secretFile.getFileName().toString()), "nor its source's path");

        Path fresh = work.resolve("fresh"); // pull and run take the image, never the attestation manifest
        assertEquals("7", JbuildProcess.okInStore(fresh, "run", "--rm", app, "cat", "/version").out().trim());
        assertFalse(JbuildProcess.okInStore(fresh, "images", "--tree").out().contains("unknown"));
        assertTrue(JbuildProcess.okInStore(fresh, "sbom", app).out().contains("SPDX-2.3"), "not pulled: scanned here");
        Path archive = work.resolve("app.oci.tar");
        ok("save", "--format", "oci-archive", "-o", archive.toString(), app);
        assertEquals(sha256(raw), sha256(Fixtures.skopeo("inspect", "--raw", "oci-archive:" + archive).out().getBytes(StandardCharsets.UTF_8)),
                "save carries the index, attestations and all");
        Path layout = work.resolve("layout");
        ok("copy", "--all", "docker://" + app, "oci:" + layout + ":1");
        assertTrue(Files.readString(layout.resolve("blobs/sha256/" + sha256(raw).substring(7))).contains("attestation-manifest"),
                "a copy carries the attestations, the index byte for byte");
    }

    private static byte[] raw(String reference) throws Exception {
        Result r = Fixtures.skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + reference);
        assertEquals(0, r.exitCode(), r::toString);
        return r.out().getBytes(StandardCharsets.UTF_8);
    }

    /** A blob straight from the registry's API, checked against its digest. */
    private static byte[] blob(String repository, String digest) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build().send(
                HttpRequest.newBuilder(URI.create("http://" + REGISTRY.host() + "/v2/" + repository + "/blobs/" + digest)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), digest);
        assertEquals(digest, sha256(r.body()), "every blob digest resolves");
        return r.body();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] jarOf(String group, String artifact, String version) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            entry(z, "META-INF/maven/" + group + "/" + artifact + "/pom.properties",
                    ("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n").getBytes());
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream z, String name, byte[] content) throws Exception {
        z.putNextEntry(new ZipEntry(name));
        z.write(content);
        z.closeEntry();
    }
}
