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
import okhttp3.OkHttpClient;
import okhttp3.Request;
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
        OkHttpClient client = new OkHttpClient.Builder().addInterceptor(new RetryInterceptor())
                .addInterceptor(chain -> {
                    tries.incrementAndGet();
                    return chain.proceed(chain.request());
                }).build();
        Request request = new Request.Builder().url("http://127.0.0.1:" + closedPort() + "/v2/").build();
        assertThrows(ConnectException.class, () -> client.newCall(request).execute());
        assertEquals(1, tries.get());
    }

    @Test
    void whatCanPassIsTransientWhatCannotIsNot() {
        assertTrue(RetryInterceptor.isTransient(new SocketTimeoutException("read timed out")));
        assertTrue(RetryInterceptor.isTransient(new SocketException("Connection reset")));
        assertTrue(RetryInterceptor.isTransient(new IOException("unexpected end of stream")));
        assertFalse(RetryInterceptor.isTransient(new ConnectException("Connection refused")));
        assertFalse(RetryInterceptor.isTransient(new UnknownHostException("nosuch.invalid")));
        assertFalse(RetryInterceptor.isTransient(new java.nio.file.FileSystemException("/s/tmp/x", null, "No space left on device")));
    }

    @Test
    void pullFromAPortWhereNothingListensSaysSoInOneLine(@TempDir Path dir) throws IOException {
        RegistryAccess access = new RegistryAccess(new AuthConfig(dir.resolve("config.json"), List.of()),
                RegistriesConfig.none(), true);
        String host = "localhost:" + closedPort();
        Puller puller = new Puller(Store.open(dir.resolve("store")), access, new PrintStream(new ByteArrayOutputStream()));
        RegistryException e = assertThrows(RegistryException.class,
                () -> puller.pull(ImageName.parse(host + "/app:1"), "linux", "amd64"));
        assertEquals(host + ": cannot connect: connection refused (nothing listens there)", e.getMessage());
    }
}
