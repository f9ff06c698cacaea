package dev.jbuild.registry;

import dev.jbuild.store.copy.ImageSource;
import dev.jbuild.store.copy.RawManifest;
import dev.jbuild.store.copy.SourceImage;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** A repository of a registry (or of one of its mirrors) as a source: the image a tag or digest names. */
public final class RegistrySource implements ImageSource {
    private final RegistryClient client;
    private final ImageName name;
    private final String host;
    private List<SourceImage> images;

    public RegistrySource(RegistryClient client, ImageName name, String host) {
        this.client = client;
        this.name = name;
        this.host = host;
    }

    @Override
    public String describe() {
        return host + "/" + name.path();
    }

    /** The manifest the name's tag or digest points at, fetched once. */
    @Override
    public List<SourceImage> images() throws IOException {
        if (images == null) {
            String reference = name.digest() != null ? name.digest().toString() : name.tag();
            RegistryClient.FetchedManifest top = client.manifest(name.path(), reference);
            images = List.of(new SourceImage(RawManifest.of(top.mediaType(), top.content()), List.of(name)));
        }
        return images;
    }

    @Override
    public RawManifest manifest(Descriptor entry) throws IOException {
        RegistryClient.FetchedManifest fetched = client.manifest(name.path(), entry.digest().toString());
        return RawManifest.of(fetched.mediaType(), fetched.content());
    }

    @Override
    public void writeBlob(Descriptor blob, OutputStream out) throws IOException {
        client.fetchBlob(name.path(), blob.digest(), blob.size(), out);
    }
}
