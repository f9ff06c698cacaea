package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.registry.auth.AuthConfig;
import dev.jbuild.store.Store;
import dev.jbuild.store.name.ImageName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import dev.jbuild.registry.http.HttpTransport;
import dev.jbuild.registry.http.Request;
import dev.jbuild.registry.http.Tls;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unreachable is not flaky: what no retry can mend fails on the first try, with docker's words. */
class UnreachableRegistryTest {

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aRefusedConnectionIsTriedOnce() throws IOException {
        AtomicInteger tries = new AtomicInteger();
        HttpTransport transport = new HttpTransport(Tls.Source.SYSTEM, Duration.ofSeconds(5), Duration.ofSeconds(5));
        Retries client = new Retries(request -> {
            tries.incrementAndGet();
            return transport.send(request);
        });
        Request request = Request.get(URI.create("http://127.0.0.1:" + closedPort() + "/v2/"));
        assertThrows(ConnectException.class, () -> client.send(request));
        assertEquals(1, tries.get());
    }

    @Test
    void whatCanPassIsTransientWhatCannotIsNot() {
        assertTrue(Retries.isTransient(new SocketTimeoutException("read timed out")));
        assertTrue(Retries.isTransient(new SocketException("Connection reset")));
        assertTrue(Retries.isTransient(new IOException("unexpected end of stream")));
        assertFalse(Retries.isTransient(new ConnectException("Connection refused")));
        assertFalse(Retries.isTransient(new UnknownHostException("nosuch.invalid")));
        assertFalse(Retries.isTransient(new java.nio.file.FileSystemException("/s/tmp/x", null, "No space left on device")));
    }

    @Test
    void pullFromAPortWhereNothingListensSaysSoInOneLine(@TempDir Path dir) throws IOException {
        RegistryAccess access = new RegistryAccess(new AuthConfig(dir.resolve("config.json"), List.of()),
                RegistriesConfig.none(), true);
        String host = "localhost:" + closedPort();
        Puller puller = new Puller(Store.open(dir.resolve("store")), access, new PrintStream(new ByteArrayOutputStream()));
        RegistryException e = assertThrows(RegistryException.class,
                () -> puller.pull(ImageName.parse(host + "/app:1"), dev.jbuild.store.platform.Platform.parse("linux/amd64")));
        assertEquals(host + ": cannot connect: connection refused (nothing listens there)", e.getMessage());
    }
}
