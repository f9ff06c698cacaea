package dev.jbuild.registry;

import dev.jbuild.registry.http.Body;
import dev.jbuild.store.Digest;
import dev.jbuild.store.copy.Blob;
import dev.jbuild.store.copy.EarlyWrite;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A blob sent to a repository while it is still being made: an upload opened at once, its bytes
 * streamed into it as they come (on a thread of this class's), and the digest named once the blob is
 * whole. So a layer's upload ends soon after its compression, where sending it after took as long
 * again (0.6 s of a 52 MB layer's 2 s on loopback, measured).
 */
final class StreamedUpload implements EarlyWrite {
    private static final ExecutorService SENDERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "streamed-upload");
        t.setDaemon(true); // an upload cut off by the end of the command is left to expire in the registry
        return t;
    });

    private final RegistryClient client;
    private final String repository;
    private final Consumer<Digest> committed;
    private final Future<URI> sending;

    private StreamedUpload(RegistryClient client, String repository, InputStream bytes, Consumer<Digest> committed) {
        this.client = client;
        this.repository = repository;
        this.committed = committed;
        this.sending = SENDERS.submit(() -> {
            try (bytes) {
                return client.streamIntoUpload(repository, client.startUpload(repository, "a blob being made"), bytes);
            }
        });
    }

    /** Starts sending {@code bytes} to the repository; {@code committed} hears of the blob once it is kept there. */
    static StreamedUpload start(RegistryClient client, String repository, InputStream bytes, Consumer<Digest> committed) {
        return new StreamedUpload(client, repository, bytes, committed);
    }

    @Override
    public boolean commit(Blob blob) {
        try {
            client.finishUpload(repository, sending.get(), blob.digest(), Body.empty());
            committed.accept(blob.digest());
            return true;
        } catch (ExecutionException | IOException | RuntimeException e) {
            return false; // the blob goes again, whole, and what fails then is said
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void abandon() {
        sending.cancel(true);
    }
}
