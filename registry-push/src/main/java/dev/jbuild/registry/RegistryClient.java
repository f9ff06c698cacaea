package dev.jbuild.registry;

import dev.jbuild.registry.auth.AuthConfig;
import dev.jbuild.registry.auth.Credentials;
import dev.jbuild.registry.auth.RegistryAuthenticator;
import dev.jbuild.registry.http.Body;
import dev.jbuild.registry.http.BoundedStream;
import dev.jbuild.registry.http.Exchange;
import dev.jbuild.registry.http.HttpTransport;
import dev.jbuild.registry.http.Request;
import dev.jbuild.registry.http.Response;
import dev.jbuild.registry.http.Tls;
import dev.jbuild.registry.http.Urls;
import dev.jbuild.store.Digest;
import dev.jbuild.store.UserDirs;
import dev.jbuild.store.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.LongConsumer;

/** The OCI distribution API of one registry: blobs and manifests of its repositories. */
public final class RegistryClient {
    static final String ACCEPT = String.join(", ", List.of(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST));

    /**
     * The base URL of each host (and insecure setting), found once per process: by whoever asks first,
     * or ahead of time (see {@link #findBaseAhead}); later askers wait for that answer.
     */
    private static final Map<String, FutureTask<String>> BASES = new ConcurrentHashMap<>();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    /** How long a probe waits: a plain-http server may never answer a TLS hello. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Endpoint endpoint;
    private final HttpTransport transport;
    private final Exchange http;

    public RegistryClient(Endpoint endpoint, Optional<Credentials> credentials) {
        this.endpoint = endpoint;
        this.transport = new HttpTransport(new EndpointTls(endpoint), CONNECT_TIMEOUT, READ_TIMEOUT);
        Exchange retried = new Retries(transport);
        this.http = new Retries(new RegistryAuthenticator(credentials, transport, retried));
    }

    /** The endpoint's TLS settings, loaded when its first https request is sent, once per process. */
    private record EndpointTls(Endpoint endpoint) implements Tls.Source {
        private static final Map<Endpoint, Tls> LOADED = new ConcurrentHashMap<>();

        @Override
        public Tls load() throws IOException {
            Tls known = LOADED.get(endpoint);
            if (known != null) {
                return known;
            }
            Tls loaded = TlsTrust.load(endpoint, UserDirs.current());
            Tls first = LOADED.putIfAbsent(endpoint, loaded);
            return first != null ? first : loaded; // one context, so that clients share kept-alive connections
        }
    }

    /** Whether a registry API answers at http://HOST/v2/ (a TLS server answers plain http without that header). */
    private boolean answersOverPlainHttp() {
        try (Response r = transport.withTimeout(PROBE_TIMEOUT).send(Request.get(URI.create("http://" + endpoint.host() + "/v2/")))) {
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
        try (Response r = http.send(Request.get(url("/v2/")))) {
            if (r.code() != 200) {
                throw failed("login", "", r);
            }
        }
    }

    /** The registry's base URL: https, or http for a local registry that does not speak TLS. */
    private String base() throws IOException {
        FutureTask<String> finding = baseFinding();
        finding.run(); // does nothing when it has run, or is running on another thread
        try {
            return finding.get();
        } catch (ExecutionException e) {
            BASES.remove(baseKey(), finding); // the next request probes again
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException failure) { // RegistryException says what is wrong
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while connecting to " + endpoint.host());
        }
    }

    private FutureTask<String> baseFinding() {
        FutureTask<String> known = BASES.get(baseKey());
        if (known != null) {
            return known;
        }
        FutureTask<String> mine = new FutureTask<>(new BaseProbe(this));
        FutureTask<String> first = BASES.putIfAbsent(baseKey(), mine);
        return first != null ? first : mine;
    }

    /**
     * Starts finding how a remote registry answers (a round trip or two, and for https the TLS set-up)
     * on another thread, so that the wait overlaps what the command reads from the store before its
     * first request. Only a head start: the first request waits for it, and reports its failure. Not
     * for a loopback registry: it answers at once, and the thread would only take a core from the command.
     */
    public void findBaseAhead() {
        if (!endpoint.isLoopback()) {
            dev.jbuild.store.Parallel.headStart("registry-probe", baseFinding());
        }
    }

    /** Probes the registry: http when it is a loopback one answering that way, else https, else http where allowed. */
    private record BaseProbe(RegistryClient client) implements java.util.concurrent.Callable<String> {
        @Override
        public String call() throws IOException {
            Endpoint endpoint = client.endpoint;
            return endpoint.isLoopback() && client.answersOverPlainHttp() ? "http://" + endpoint.host() : client.probe();
        }
    }

    private String baseKey() {
        return endpoint.host() + endpoint.insecure();
    }

    private String probe() throws IOException {
        IOException https;
        HttpTransport probe = transport.withTimeout(PROBE_TIMEOUT); // and no retries: a refused probe is an answer
        try (Response r = probe.send(Request.get(URI.create("https://" + endpoint.host() + "/v2/")))) {
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
        try (Response r = transport.send(Request.get(URI.create("http://" + endpoint.host() + "/v2/")))) {
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

    private URI url(String path) throws IOException {
        return URI.create(base() + path);
    }

    public boolean hasBlob(String repository, Digest digest) throws IOException {
        try (Response r = http.send(Request.head(url("/v2/" + repository + "/blobs/" + digest)))) {
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
        URI mount = Urls.withQuery(Urls.withQuery(url("/v2/" + repository + "/blobs/uploads/"), "mount", digest.toString()), "from", from);
        try (Response r = http.send(Request.send("POST", mount, Body.empty()))) {
            if (r.code() == 201) {
                return true;
            }
            if (r.code() != 202) {
                throw failed("mount of " + digest + " from " + from, repository, r);
            }
            return false;
        }
    }

    /**
     * Uploads a blob in one PUT after the POST that opens the upload, as containerd (and so BuildKit)
     * pushes: on a 2-core machine a 52 MB layer went up in 1.2 s so, and in 2.4 s as 32 MiB PATCH chunks
     * through java.net.http, the only JDK client that sends PATCH. {@code sent} hears how many bytes went.
     */
    public void uploadBlob(String repository, Digest digest, Path content, LongConsumer sent) throws IOException {
        URI location = startUpload(repository, digest.toString());
        finishUpload(repository, location, digest, Body.fileRange(content, 0, Files.size(content), sent));
    }

    /** Opens an upload of {@code what} (POST): where its bytes go. */
    URI startUpload(String repository, String what) throws IOException {
        return uploadGoesOn(Request.send("POST", url("/v2/" + repository + "/blobs/uploads/"), Body.empty()), "start upload of " + what, repository);
    }

    /**
     * Sends {@code content} into an open upload as one PATCH whose length is not known beforehand (the
     * distribution API's streamed upload, as containers/image sends a blob it compresses on the way):
     * where the upload goes on.
     */
    URI streamIntoUpload(String repository, URI location, InputStream content) throws IOException {
        return uploadGoesOn(Request.send("PATCH", location, Body.once(content, "application/octet-stream")), "streamed upload", repository);
    }

    /** Sends a step of an upload that the registry answers with 202 and where the upload goes on (Location, maybe relative). */
    private URI uploadGoesOn(Request step, String what, String repository) throws IOException {
        try (Response r = http.send(step)) {
            if (r.code() != 202 || r.header("Location") == null) {
                throw failed(what, repository, r);
            }
            return url("/").resolve(r.header("Location"));
        }
    }

    /** Ends an upload with the blob's digest and the bytes still to send ({@code rest}, empty when all went before). */
    void finishUpload(String repository, URI location, Digest digest, Body rest) throws IOException {
        try (Response r = http.send(Request.send("PUT", Urls.withQuery(location, "digest", digest.toString()), rest))) {
            if (r.code() != 201) {
                throw failed("upload of " + digest, repository, r);
            }
        }
    }

    /** The registry's repositories (GET /v2/_catalog, following its Link pages). */
    public List<String> catalog() throws IOException {
        List<String> repositories = new java.util.ArrayList<>();
        URI next = url("/v2/_catalog?n=1000");
        while (next != null) {
            try (Response r = http.send(Request.get(next))) {
                if (r.code() != 200) {
                    throw failed("GET catalog", "", r);
                }
                for (com.fasterxml.jackson.databind.JsonNode n : dev.jbuild.store.oci.Json.mapper().readTree(r.bytes(BoundedStream.DOCUMENT_LIMIT, endpoint.host() + "'s catalog")).path("repositories")) {
                    repositories.add(n.asText());
                }
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
        URI searchUrl = Urls.withQuery(Urls.withQuery(url("/v1/search"), "q", term), "n", Integer.toString(limit));
        try (Response r = http.send(Request.get(searchUrl))) {
            if (r.code() != 200) {
                throw failed("search " + term, "", r);
            }
            List<SearchResult> results = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode n : dev.jbuild.store.oci.Json.mapper().readTree(r.bytes(BoundedStream.DOCUMENT_LIMIT, endpoint.host() + "'s search")).path("results")) {
                results.add(new SearchResult(n.path("name").asText(), n.path("description").asText(""),
                        n.path("star_count").asInt(0), n.path("is_official").asBoolean(false)));
            }
            return results;
        }
    }

    /** A manifest's bytes and media type, by tag or digest. */
    public record FetchedManifest(byte[] content, String mediaType, Digest digest) {
    }

    public FetchedManifest manifest(String repository, String reference) throws IOException {
        Request req = Request.get(url("/v2/" + repository + "/manifests/" + reference)).header("Accept", ACCEPT);
        try (Response r = http.send(req)) {
            if (r.code() == 404) {
                throw new ManifestNotFound(endpoint.host() + "/" + repository + ":" + reference + ": not found");
            }
            if (r.code() != 200) {
                throw failed("GET manifest " + reference, repository, r);
            }
            byte[] content = r.bytes(BoundedStream.DOCUMENT_LIMIT, endpoint.host() + "/" + repository + ": manifest " + reference);
            Digest actual = Digest.of(content);
            if (reference.startsWith("sha256:") && !actual.toString().equals(reference)) {
                throw new RegistryException(endpoint.host() + "/" + repository + ": manifest " + reference
                        + " has digest " + actual);
            }
            String type = r.header("Content-Type", "");
            int parameters = type.indexOf(';');
            return new FetchedManifest(content, (parameters < 0 ? type : type.substring(0, parameters)).trim(), actual);
        }
    }

    /**
     * Streams a blob of {@code size} bytes (as its descriptor says) into {@code sink}; the copy checks its
     * digest on the way. A registry that sends more is cut off at the first byte past the size.
     */
    public void fetchBlob(String repository, Digest digest, long size, java.io.OutputStream sink) throws IOException {
        try (Response r = http.send(Request.get(url("/v2/" + repository + "/blobs/" + digest)))) {
            if (r.code() != 200) {
                throw failed("GET blob " + digest, repository, r);
            }
            try (InputStream body = new BoundedStream(r.body(), size, endpoint.host() + "/" + repository + ": blob " + digest
                    + " is larger than the " + size + " bytes its descriptor gives")) {
                body.transferTo(sink);
            }
        }
    }

    /** The digest of the manifest {@code reference} names, when the registry has one (HEAD; nothing is downloaded). */
    public Optional<Digest> manifestDigest(String repository, String reference, String mediaType) throws IOException {
        Request req = Request.head(url("/v2/" + repository + "/manifests/" + reference)).header("Accept", mediaType);
        try (Response r = http.send(req)) {
            String header = r.header("Docker-Content-Digest");
            return r.code() == 200 && header != null && Digest.isDigest(header) ? Optional.of(Digest.parse(header)) : Optional.empty();
        }
    }

    public Digest putManifest(String repository, String reference, String mediaType, byte[] content) throws IOException {
        Request req = Request.send("PUT", url("/v2/" + repository + "/manifests/" + reference), Body.bytes(content, mediaType));
        try (Response r = http.send(req)) {
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
        String body = r.text();
        String detail = body.length() > 300 ? body.substring(0, 300) + "..." : body;
        return new RegistryException(endpoint.host() + "/" + repository + ": " + what + ": HTTP " + r.code()
                + (detail.isBlank() ? "" : " " + detail.strip().replace('\n', ' ')));
    }
}
