package dev.jbuild.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jbuild.registry.Endpoint;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.store.Digest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bearer-token flow against a token service written for the test: a registry endpoint that
 * challenges with {@code Bearer realm=...,scope=...} and a token endpoint that issues a token for
 * the right credentials (or anonymously when the service allows it).
 */
class BearerTokenFlowTest {
    private static HttpServer server;
    private static final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private static volatile boolean anonymousAllowed;
    /** Tokens are numbered as issued; the registry refuses those older than this (they "expired"). */
    private static volatile int oldestAccepted;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", BearerTokenFlowTest::token);
        server.createContext("/v2/", BearerTokenFlowTest::registry);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void reset() {
        tokenRequests.clear();
        anonymousAllowed = false;
        oldestAccepted = 0;
    }

    private static String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static void token(HttpExchange x) throws IOException {
        tokenRequests.add(x.getRequestURI().getQuery() + " auth=" + x.getRequestHeaders().getFirst("Authorization"));
        String auth = x.getRequestHeaders().getFirst("Authorization");
        boolean good = ("Basic " + new Credentials("bob", "pw").encoded()).equals(auth);
        if (!good && !(anonymousAllowed && auth == null)) {
            reply(x, 401, "{}", null);
            return;
        }
        reply(x, 200, "{\"token\":\"" + (good ? "bob-token-" : "anonymous-token-") + tokenRequests.size() + "\"}", null);
    }

    private static void registry(HttpExchange x) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || Integer.parseInt(auth.substring(auth.lastIndexOf('-') + 1)) < oldestAccepted) {
            String challenge = "Bearer realm=\"http://" + host() + "/token\",service=\"test-registry\","
                    + "scope=\"repository:team/app:pull\"";
            reply(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}", challenge);
            return;
        }
        reply(x, x.getRequestURI().getPath().endsWith("/v2/") ? 200 : 404, "{}", null);
    }

    private static void reply(HttpExchange x, int code, String body, String challenge) throws IOException {
        if (challenge != null) {
            x.getResponseHeaders().add("WWW-Authenticate", challenge);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(code, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Test
    void credentialsAreExchangedForATokenOncePerScope() throws Exception {
        RegistryClient client = new RegistryClient(Endpoint.of(host()), Optional.of(new Credentials("bob", "pw")));
        Digest d = Digest.sha256("a".repeat(64));
        assertEquals(false, client.hasBlob("team/app", d));
        assertEquals(false, client.hasBlob("team/app", d));
        assertEquals(1, tokenRequests.size(), tokenRequests::toString);
        String request = tokenRequests.get(0);
        assertTrue(request.startsWith("service=test-registry&scope=repository:team/app:pull auth=Basic "), request);
    }

    @Test
    void aTokenTheRegistryNoLongerTakesIsFetchedAgain() throws Exception {
        RegistryClient client = new RegistryClient(Endpoint.of(host()), Optional.of(new Credentials("bob", "pw")));
        Digest d = Digest.sha256("a".repeat(64));
        assertEquals(false, client.hasBlob("team/app", d));
        oldestAccepted = 2; // the first token expired
        assertEquals(false, client.hasBlob("team/app", d));
        assertEquals(2, tokenRequests.size(), tokenRequests::toString);
    }

    @Test
    void anonymousTokensWhenThereAreNoCredentials() throws Exception {
        anonymousAllowed = true;
        RegistryClient client = new RegistryClient(Endpoint.of(host()), Optional.empty());
        client.checkAccess();
        assertTrue(tokenRequests.get(0).endsWith("auth=null"), tokenRequests::toString);
    }

    @Test
    void refusedCredentialsAreAClearError() throws Exception {
        RegistryClient client = new RegistryClient(Endpoint.of(host()), Optional.of(new Credentials("bob", "wrong")));
        RegistryException e = assertThrows(RegistryException.class, client::checkAccess);
        assertTrue(e.getMessage().contains("refused the stored credentials"), e.getMessage());
    }
}
