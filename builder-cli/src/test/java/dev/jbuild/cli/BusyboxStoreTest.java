package dev.jbuild.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What a build test starts from: a store of its own holding busybox:latest, and an empty context beside it. */
abstract class BusyboxStoreTest {
    @TempDir
    Path work;
    Path store;
    Path ctx;

    @BeforeEach
    void busyboxStore() throws Exception {
        store = work.resolve("store");
        JbuildProcess.okInStore(store, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
        ctx = Files.createDirectories(work.resolve("ctx"));
    }

    @AfterEach
    void removeStore() throws Exception {
        JbuildProcess.removeStore(store);
    }
}
