package dev.jbuild.registry;

import dev.jbuild.store.UserDirs;
import dev.jbuild.store.Digest;
import dev.jbuild.store.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.jbuild.registry.auth.AuthConfig;
import dev.jbuild.registry.auth.Credentials;
import dev.jbuild.registry.auth.RegistryAuthenticator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/** The OCI distribution API of one registry: blobs and manifests of its repositories. */
public final class RegistryClient {
    static final String ACCEPT = String.join(", ", List.of(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST));

    /**
     * The base URL found for each host (and insecure setting), so that one process probes a registry
     * once. A loopback registry found answering plain http gets a client that never sets up TLS (~0.2 s
     * of CA loading).
     */
    private static final java.util.Map<String, String> BASES = new java.util.concurrent.ConcurrentHashMap<>();

    private final OkHttpClient http;
    private final Endpoint endpoint;

    public RegistryClient(Endpoint endpoint, Optional<Credentials> credentials) throws IOException {
        this.endpoint = endpoint;
        OkHttpClient.Builder builder = Shared.CLIENT.newBuilder()
                .addInterceptor(new RetryInterceptor())
                .readTimeout(Duration.ofMinutes(2))
                .writeTimeout(Duration.ofMinutes(2));
        OkHttpClient base;
        java.util.function.Supplier<OkHttpClient> tokenClient;
        String plain = "http://" + endpoint.host();
        if (endpoint.isLoopback() && !BASES.containsKey(baseKey()) && answersOverPlainHttp(endpoint)) {
            BASES.put(baseKey(), plain);
        }
        if (endpoint.isLoopback() && plain.equals(BASES.get(baseKey()))) {
            base = builder.build(); // cleartext only, as the shared client is
            tokenClient = () -> withTls(Shared.CLIENT.newBuilder());
        } else {
            base = withTls(builder);
            tokenClient = () -> base;
        }
        RegistryAuthenticator auth = new RegistryAuthenticator(credentials, tokenClient);
        this.http = base.newBuilder().authenticator(auth).addInterceptor(auth).build();
    }

    /**
     * Starts okhttp on a background thread: its platform probe instantiates every security provider
     * of the JVM (~60 ms on a small machine), which a command about to talk to a registry gets done
     * while it reads the store. Only a head start: whoever needs the client first waits for it.
     */
    public static void prepare() {
        dev.jbuild.store.Parallel.headStart("okhttp-start", new SharedClientStart());
    }

    /** Initializes the shared client; a class rather than a lambda (see Parallel.HeadStart). */
    private static final class SharedClientStart implements Runnable {
        @Override
        public void run() {
            java.util.Objects.requireNonNull(Shared.CLIENT);
        }
    }

    /**
     * One client whose connection pool and threads every client of the process shares (each OkHttpClient
     * built from scratch makes its own); cleartext until a client asks for TLS.
     */
    private static final class Shared {
        static final OkHttpClient CLIENT = new OkHttpClient.Builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                .connectTimeout(Duration.ofSeconds(15)).build();
    }

    private OkHttpClient withTls(OkHttpClient.Builder builder) {
        try {
            builder.connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT)); // okhttp's default
            TlsTrust.configure(builder, endpoint, UserDirs.current());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return builder.build();
    }

    /** Whether a registry API answers at http://HOST/v2/ (a TLS server answers plain http without that header). */
    private static boolean answersOverPlainHttp(Endpoint endpoint) {
        OkHttpClient cleartext = Shared.CLIENT.newBuilder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5))
                .build();
        try (Response r = cleartext.newCall(new Request.Builder().url("http://" + endpoint.host() + "/v2/").build()).execute()) {
            return r.header("Docker-Distribution-API-Version") != null;
        } catch (IOException e) {
            return false; // https is tried next, and says what is wrong
        }
    }

    /** A client with the credentials stored for the endpoint's registry, if any. */
    public static RegistryClient forRegistry(Endpoint endpoint, AuthConfig auth) throws IOException {
        return new RegistryClient(endpoint, auth.lookup(endpoint.registry()));
    }

    /** GET /v2/ with the credentials: what {@code jbuild login} checks. */
    public void checkAccess() throws IOException {
        try (Response r = http.newCall(new Request.Builder().url(url("/v2/")).build()).execute()) {
            if (r.code() != 200) {
                throw failed("login", "", r);
            }
        }
    }

    /** The registry's base URL: https, or http for a local registry that does not speak TLS. */
    private String base() throws IOException {
        String known = BASES.get(baseKey());
        if (known != null) {
            return known;
        }
        String found = probe();
        BASES.put(baseKey(), found);
        return found;
    }

    private String baseKey() {
        return endpoint.host() + endpoint.insecure();
    }

    private String probe() throws IOException {
        IOException https;
        // A plain-http server may never answer a TLS hello: the probe must not wait as long as a transfer.
        OkHttpClient.Builder probeBuilder = http.newBuilder().readTimeout(Duration.ofSeconds(5));
        probeBuilder.interceptors().removeIf(i -> i instanceof RetryInterceptor); // a refused probe is an answer
        OkHttpClient probe = probeBuilder.build();
        try (Response r = probe.newCall(new Request.Builder().url("https://" + endpoint.host() + "/v2/").build()).execute()) {
            return "https://" + endpoint.host();
        } catch (IOException e) {
            https = e;
        }
        if (causedBy(https, java.net.ConnectException.class) || causedBy(https, java.net.UnknownHostException.class)) {
            throw new RegistryException(endpoint.host() + ": cannot connect: " + ConnectionFailure.describe(https));
        }
        boolean speaksTls = causedBy(https, java.security.cert.CertificateException.class)
                || causedBy(https, java.security.cert.CertPathValidatorException.class)
                || causedBy(https, javax.net.ssl.SSLPeerUnverifiedException.class);
        if (!endpoint.mayUseHttp() || (speaksTls && !endpoint.insecure())) {
            throw new RegistryException(endpoint.host() + ": cannot connect over https: " + ConnectionFailure.describe(https)
                    + (speaksTls ? " (its certificate is not trusted: put the CA in ~/.config/jbuild/certs.d/"
                    + endpoint.host() + "/ca.crt, or use --tls-verify=false)" : ""));
        }
        try (Response r = http.newCall(new Request.Builder().url("http://" + endpoint.host() + "/v2/").build()).execute()) {
            return "http://" + endpoint.host();
        } catch (IOException e) {
            throw new RegistryException(endpoint.host() + ": cannot connect: " + ConnectionFailure.describe(e));
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private HttpUrl url(String path) throws IOException {
        return HttpUrl.get(base() + path);
    }

    public boolean hasBlob(String repository, Digest digest) throws IOException {
        Request req = new Request.Builder().head().url(url("/v2/" + repository + "/blobs/" + digest)).build();
        try (Response r = http.newCall(req).execute()) {
            if (r.code() == 200) {
                return true;
            }
            if (r.code() == 404) {
                return false;
            }
            throw failed("HEAD blob " + digest, repository, r);
        }
    }

    /**
     * Asks the registry to mount the blob from {@code from} (another repository of it that has the
     * blob): true when it did, and no byte has to be sent. A registry that cannot mount starts an
     * upload instead, which is left to expire.
     */
    public boolean mountBlob(String repository, Digest digest, String from) throws IOException {
        HttpUrl mount = url("/v2/" + repository + "/blobs/uploads/").newBuilder()
                .addQueryParameter("mount", digest.toString()).addQueryParameter("from", from).build();
        try (Response r = http.newCall(new Request.Builder().url(mount).post(RequestBody.create(new byte[0], null)).build()).execute()) {
            if (r.code() == 201) {
                return true;
            }
            if (r.code() != 202) {
                throw failed("mount of " + digest + " from " + from, repository, r);
            }
            return false;
        }
    }

    /** Uploads a blob: whole, or in PATCH chunks when it is big; {@code sent} hears how many bytes went. */
    public void uploadBlob(String repository, Digest digest, Path content, LongConsumer sent) throws IOException {
        Request start = new Request.Builder().url(url("/v2/" + repository + "/blobs/uploads/"))
                .post(RequestBody.create(new byte[0], null)).build();
        String location;
        try (Response r = http.newCall(start).execute()) {
            if (r.code() != 202 || r.header("Location") == null) {
                throw failed("start upload of " + digest, repository, r);
            }
            location = r.header("Location");
        }
        long size = Files.size(content);
        RequestBody last = fileRange(content, 0, size, sent);
        if (size > CHUNKED_ABOVE) {
            location = uploadChunks(repository, digest, content, location, size, sent);
            last = RequestBody.create(new byte[0], null);
        }
        put(repository, digest, url("/").resolve(location).newBuilder().addQueryParameter("digest", digest.toString()).build(), last);
    }

    /** Blobs larger than this go up in PATCH chunks of this size, so that no request is huge. */
    static final long CHUNKED_ABOVE = 32L << 20;

    /** Sends the blob as PATCH requests of {@link #CHUNKED_ABOVE} bytes; returns the location to finish at. */
    private String uploadChunks(String repository, Digest digest, Path content, String location, long size, LongConsumer sent)
            throws IOException {
        for (long offset = 0; offset < size; offset += CHUNKED_ABOVE) {
            long length = Math.min(CHUNKED_ABOVE, size - offset);
            Request patch = new Request.Builder().url(url("/").resolve(location))
                    .header("Content-Range", offset + "-" + (offset + length - 1))
                    .patch(fileRange(content, offset, length, sent)).build();
            try (Response r = http.newCall(patch).execute()) {
                if (r.code() != 202 || r.header("Location") == null) {
                    throw failed("upload of " + digest + " at byte " + offset, repository, r);
                }
                location = r.header("Location");
            }
        }
        return location;
    }

    private void put(String repository, Digest digest, HttpUrl target, RequestBody body) throws IOException {
        try (Response r = http.newCall(new Request.Builder().url(target).put(body).build()).execute()) {
            if (r.code() != 201) {
                throw failed("upload of " + digest, repository, r);
            }
        }
    }

    /** {@code length} bytes of a file from {@code offset}, streamed (and re-read if the request is retried). */
    private static RequestBody fileRange(Path content, long offset, long length, LongConsumer sent) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.get("application/octet-stream");
            }

            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(content)) {
                    ch.position(offset);
                    Source source = Okio.source(java.nio.channels.Channels.newInputStream(ch));
                    for (long done = 0; done < length; ) {
                        long n = Math.min(1 << 16, length - done);
                        sink.write(source, n);
                        done += n;
                        sent.accept(offset + done);
                    }
                }
            }
        };
    }

    /** The registry's repositories (GET /v2/_catalog, following its Link pages). */
    public List<String> catalog() throws IOException {
        List<String> repositories = new java.util.ArrayList<>();
        HttpUrl next = url("/v2/_catalog?n=1000");
        while (next != null) {
            try (Response r = http.newCall(new Request.Builder().url(next).build()).execute()) {
                if (r.code() != 200) {
                    throw failed("GET catalog", "", r);
                }
                dev.jbuild.store.oci.Json.mapper().readTree(r.body().byteStream()).path("repositories")
                        .forEach(n -> repositories.add(n.asText()));
                String link = r.header("Link");
                next = link == null ? null : url("/").resolve(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
            }
        }
        return repositories;
    }

    /** Docker Hub's search (GET /v1/search on index.docker.io): name, description, stars, official. */
    public record SearchResult(String name, String description, int stars, boolean official) {
    }

    public List<SearchResult> hubSearch(String term, int limit) throws IOException {
        HttpUrl searchUrl = url("/v1/search").newBuilder().addQueryParameter("q", term)
                .addQueryParameter("n", Integer.toString(limit)).build();
        try (Response r = http.newCall(new Request.Builder().url(searchUrl).build()).execute()) {
            if (r.code() != 200) {
                throw failed("search " + term, "", r);
            }
            List<SearchResult> results = new java.util.ArrayList<>();
            dev.jbuild.store.oci.Json.mapper().readTree(r.body().byteStream()).path("results").forEach(n -> results.add(
                    new SearchResult(n.path("name").asText(), n.path("description").asText(""),
                            n.path("star_count").asInt(0), n.path("is_official").asBoolean(false))));
            return results;
        }
    }

    /** A manifest's bytes and media type, by tag or digest. */
    public record FetchedManifest(byte[] content, String mediaType, Digest digest) {
    }

    public FetchedManifest manifest(String repository, String reference) throws IOException {
        Request req = new Request.Builder().url(url("/v2/" + repository + "/manifests/" + reference))
                .header("Accept", ACCEPT).build();
        try (Response r = http.newCall(req).execute()) {
            if (r.code() == 404) {
                throw new ManifestNotFound(endpoint.host() + "/" + repository + ":" + reference + ": not found");
            }
            if (r.code() != 200) {
                throw failed("GET manifest " + reference, repository, r);
            }
            byte[] content = r.body().bytes();
            Digest actual = Digest.of(content);
            if (reference.startsWith("sha256:") && !actual.toString().equals(reference)) {
                throw new RegistryException(endpoint.host() + "/" + repository + ": manifest " + reference
                        + " has digest " + actual);
            }
            String type = r.header("Content-Type", "");
            return new FetchedManifest(content, type.split(";")[0].trim(), actual);
        }
    }

    /** Streams a blob into {@code sink}; the copy checks its digest on the way. */
    public void fetchBlob(String repository, Digest digest, java.io.OutputStream sink) throws IOException {
        Request req = new Request.Builder().url(url("/v2/" + repository + "/blobs/" + digest)).build();
        try (Response r = http.newCall(req).execute()) {
            if (r.code() != 200) {
                throw failed("GET blob " + digest, repository, r);
            }
            try (InputStream body = r.body().byteStream()) {
                body.transferTo(sink);
            }
        }
    }

    /** The digest of the manifest {@code reference} names, when the registry has one (HEAD; nothing is downloaded). */
    public Optional<Digest> manifestDigest(String repository, String reference, String mediaType) throws IOException {
        Request req = new Request.Builder().head().url(url("/v2/" + repository + "/manifests/" + reference))
                .header("Accept", mediaType).build();
        try (Response r = http.newCall(req).execute()) {
            String header = r.header("Docker-Content-Digest");
            return r.code() == 200 && header != null && Digest.isDigest(header) ? Optional.of(Digest.parse(header)) : Optional.empty();
        }
    }

    public Digest putManifest(String repository, String reference, String mediaType, byte[] content) throws IOException {
        Request req = new Request.Builder().url(url("/v2/" + repository + "/manifests/" + reference))
                .put(RequestBody.create(content, MediaType.get(mediaType))).build();
        try (Response r = http.newCall(req).execute()) {
            if (r.code() != 201) {
                throw failed("PUT manifest " + reference, repository, r);
            }
            String header = r.header("Docker-Content-Digest");
            return header != null ? Digest.parse(header) : null;
        }
    }

    private RegistryException failed(String what, String repository, Response r) throws IOException {
        if (r.code() == 401) {
            return new RegistryException(endpoint.host() + "/" + repository + ": " + what
                    + ": authentication required (jbuild login " + endpoint.registry() + ")");
        }
        String body = r.body() == null ? "" : r.body().string();
        String detail = body.length() > 300 ? body.substring(0, 300) + "..." : body;
        return new RegistryException(endpoint.host() + "/" + repository + ": " + what + ": HTTP " + r.code()
                + (detail.isBlank() ? "" : " " + detail.strip().replace('\n', ' ')));
    }
}
