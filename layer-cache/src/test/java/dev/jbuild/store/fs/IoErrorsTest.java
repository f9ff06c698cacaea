package dev.jbuild.store.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

/** Errors in words a user can act on: what and why, never a Java class name. */
class IoErrorsTest {

    @Test
    void fileSystemErrorsNameThePathAndTheReason() {
        assertEquals("/a -> /b: No space left on device",
                IoErrors.describe(new FileSystemException("/a", "/b", "No space left on device")));
        assertEquals("/x: no such file or directory", IoErrors.describe(new NoSuchFileException("/x")));
        assertEquals("/x: permission denied", IoErrors.describe(new AccessDeniedException("/x")));
    }

    @Test
    void streamErrorsSayWhatIsWrongWithTheData() {
        assertEquals("unexpected end of data (truncated TAR archive)", IoErrors.describe(new EOFException("Truncated TAR archive")));
        assertEquals("damaged or truncated gzip data (unexpected end of ZLIB input stream)",
                IoErrors.describe(new EOFException("Unexpected end of ZLIB input stream")));
        assertEquals("damaged or truncated gzip data (not in GZIP format)", IoErrors.describe(new ZipException("Not in GZIP format")));
    }

    @Test
    void processStartsSayWhichProgramAndWhy() {
        assertEquals("the command and its environment exceed the kernel's argument size limit (Argument list too long)",
                IoErrors.describe(new IOException("Cannot run program \"unshare\": error=7, Argument list too long")));
        assertEquals("cannot run unshare: No such file or directory",
                IoErrors.describe(new IOException("Cannot run program \"unshare\": error=2, No such file or directory")));
    }

    @Test
    void noMessageEverCarriesAClassName() {
        for (IOException e : new IOException[] {new IOException(), new EOFException(), new FileSystemException(null)}) {
            String m = IoErrors.describe(e);
            assertFalse(m.contains("Exception") || m.contains("java.") || m.isEmpty(), m);
        }
    }
}
