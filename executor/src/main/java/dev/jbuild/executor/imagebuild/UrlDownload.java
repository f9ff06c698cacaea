package dev.jbuild.executor.imagebuild;

import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.store.blob.DigestingOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import dev.jbuild.registry.http.Downloads;
import dev.jbuild.registry.http.Response;
import java.net.URI;

/** ADD https://…: streams the file into a directory under the URL's base name, checking --checksum. */
final class UrlDownload {
    private UrlDownload() {
    }

    /** @return the file's name in {@code dir}; the download is recorded in {@code materials} */
    static String fetch(String url, Path dir, Optional<String> checksum, int line, Materials materials) throws IOException {
        String path = url.replaceFirst("[?#].*$", "");
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            name = "index.html";
        }
        Path file = dir.resolve(name);
        DigestingOutputStream digest;
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new DockerfileException(line, "ADD " + url + ": not a URL: " + e.getMessage());
        }
        try (Response r = Downloads.get(uri)) {
            if (r.code() / 100 != 2) {
                throw new DockerfileException(line, "ADD " + url + ": HTTP " + r.code());
            }
            try (InputStream in = r.body(); OutputStream out = Files.newOutputStream(file)) {
                digest = new DigestingOutputStream(out);
                in.transferTo(digest);
            }
        } catch (IOException e) {
            throw new DockerfileException(line, "ADD " + url + ": " + e.getMessage());
        }
        String actual = digest.digest().toString();
        if (checksum.isPresent() && !checksum.get().equals(actual)) {
            throw new DockerfileException(line, "ADD " + url + ": checksum mismatch: expected " + checksum.get() + ", got " + actual);
        }
        materials.add(url, actual);
        return name;
    }
}
