package dev.jbuild.store.fs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.zip.ZipException;

/** An I/O failure in words a user can act on: the path and the reason, never a Java class name. */
public final class IoErrors {
    private IoErrors() {
    }

    public static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof NoSuchFileException f) {
            return where(f) + "no such file or directory";
        }
        if (e instanceof AccessDeniedException f) {
            return where(f) + "permission denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return where(f) + "already exists";
        }
        if (e instanceof DirectoryNotEmptyException f) {
            return where(f) + "directory not empty";
        }
        if (e instanceof NotDirectoryException f) {
            return where(f) + "not a directory";
        }
        if (e instanceof FileSystemException f) {
            return where(f) + (f.getReason() == null ? "I/O error" : f.getReason());
        }
        if (e instanceof ZipException || message.contains("ZLIB") || message.contains("GZIP")) {
            return "damaged or truncated gzip data" + (message.isEmpty() ? "" : " (" + lowerFirst(message) + ")");
        }
        if (e instanceof EOFException) {
            return "unexpected end of data" + (message.isEmpty() ? "" : " (" + lowerFirst(message) + ")");
        }
        if (message.contains("error=7,") || message.contains("Argument list too long")) {
            return "the command and its environment exceed the kernel's argument size limit (Argument list too long)";
        }
        if (message.startsWith("Cannot run program")) {
            return lowerFirst(message.replaceFirst("^Cannot run program \"([^\"]*)\".*?error=\\d+, (.*)$", "cannot run $1: $2"));
        }
        return message.isEmpty() ? "I/O error" : message;
    }

    private static String where(FileSystemException f) {
        if (f.getFile() == null) {
            return "";
        }
        return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": ";
    }

    private static String lowerFirst(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
            return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
        }
        return s;
    }
}
