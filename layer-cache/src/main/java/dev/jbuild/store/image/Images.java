package dev.jbuild.store.image;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.tree.LayerTrees;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.oci.MediaTypes;
import dev.jbuild.store.platform.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The images of a store: listing, lookup by name or ID, tagging, and adding new ones. */
public final class Images {
    private final Store store;
    private final java.util.Set<Digest> inUse;

    public Images(Store store) {
        this(store, java.util.Set.of());
    }

    /** @param inUse IDs of images containers are made from: rmi keeps them (untags with -f), prune skips them */
    public Images(Store store, java.util.Set<Digest> inUse) {
        this.store = store;
        this.inUse = java.util.Set.copyOf(inUse);
    }

    public List<StoredImage> list() throws IOException {
        List<StoredImage> images = new ArrayList<>();
        for (Map.Entry<Digest, List<ImageName>> e : namesByManifest(store.refs().entries()).entrySet()) {
            images.add(load(e.getKey(), manifest(e.getKey()), e.getValue()));
        }
        return images;
    }

    /** An image's manifest and names, its config not read. */
    public record NamedManifest(Manifest manifest, List<ImageName> names) {
    }

    /** The manifests of the images with a name {@code wanted} takes, their configs not read. */
    public List<NamedManifest> manifestsNamed(java.util.function.Predicate<ImageName> wanted) throws IOException {
        List<NamedManifest> named = new ArrayList<>();
        for (Map.Entry<Digest, List<ImageName>> e : namesByManifest(store.refs().entries()).entrySet()) {
            if (e.getValue().stream().anyMatch(wanted)) {
                named.add(new NamedManifest(manifest(e.getKey()), e.getValue()));
            }
        }
        return named;
    }

    /**
     * Every image as {@code images} shows it, in index order: from index.json alone where jbuild
     * recorded the image, from its manifest and config where another tool did.
     */
    public List<ImageSummary> summaries() throws IOException {
        List<Descriptor> entries = store.refs().entries();
        Map<Digest, ImageSummary> recorded = recordedSummaries(entries);
        List<ImageSummary> summaries = new ArrayList<>();
        for (Map.Entry<Digest, List<ImageName>> e : namesByManifest(entries).entrySet()) {
            ImageSummary s = recorded.get(e.getKey());
            summaries.add(s != null ? s.withNames(e.getValue()) : ImageSummary.of(load(e.getKey(), manifest(e.getKey()), e.getValue())));
        }
        for (Map.Entry<Digest, List<ImageName>> e : namesByIndex(entries).entrySet()) {
            summaries.add(indexSummary(loadIndex(entries, e.getKey(), e.getValue())));
        }
        return summaries;
    }

    /** An index as {@code images} shows it: its digest as ID (as docker's containerd store), its present images' sizes. */
    private ImageSummary indexSummary(StoredIndex index) throws IOException {
        String created = null;
        long size = 0;
        for (StoredImage image : platformImages(index)) {
            size += image.size();
            String c = image.config().created();
            if (c != null && (created == null || c.compareTo(created) > 0)) {
                created = c;
            }
        }
        return new ImageSummary(index.digest(), index.digest(), created, size, index.names());
    }

    /** The images of an index's platforms that are in the store, in index order. */
    public List<StoredImage> platformImages(StoredIndex index) throws IOException {
        List<StoredImage> images = new ArrayList<>();
        for (Descriptor d : dev.jbuild.store.platform.PlatformChoice.images(index.index())) {
            if (store.blobs().contains(d.digest())) {
                images.add(load(d.digest(), manifest(d.digest()), index.names()));
            }
        }
        return images;
    }

    /** The indexes index.json points at, each with its names, in index order. */
    private static Map<Digest, List<ImageName>> namesByIndex(List<Descriptor> entries) {
        Map<Digest, List<ImageName>> names = new LinkedHashMap<>();
        for (Descriptor d : entries) {
            if (MediaTypes.isIndex(d.mediaType())) {
                String ref = d.annotations().get(Descriptor.REF_NAME);
                names.computeIfAbsent(d.digest(), k -> new ArrayList<>());
                if (ref != null) {
                    names.get(d.digest()).add(ImageName.parse(ref));
                }
            }
        }
        return names;
    }

    private StoredIndex loadIndex(List<Descriptor> entries, Digest digest, List<ImageName> names) throws IOException {
        String type = MediaTypes.OCI_INDEX;
        for (Descriptor d : entries) {
            if (d.digest().equals(digest)) {
                type = d.mediaType();
                break;
            }
        }
        byte[] bytes = store.blobs().read(digest);
        return new StoredIndex(digest, type, bytes.length, Json.read(bytes, dev.jbuild.store.oci.ImageIndex.class), names);
    }

    /**
     * The index a reference names: by name, by name@digest, or by its digest (or a unique prefix of it);
     * empty when the reference names a single-platform image or nothing.
     */
    public Optional<StoredIndex> findIndex(String reference) throws IOException {
        return findIndex(store.refs().entries(), reference);
    }

    private Optional<StoredIndex> findIndex(List<Descriptor> entries, String reference) throws IOException {
        Map<Digest, List<ImageName>> indexes = namesByIndex(entries);
        if (indexes.isEmpty()) {
            return Optional.empty();
        }
        String hex = reference.startsWith("sha256:") ? reference.substring(7) : reference;
        if (Digest.isLowerHex(hex, 1, 64)) {
            for (Map.Entry<Digest, List<ImageName>> e : indexes.entrySet()) {
                if (e.getKey().hex().startsWith(hex)) {
                    return Optional.of(loadIndex(entries, e.getKey(), e.getValue()));
                }
            }
        }
        ImageName name;
        try {
            name = ImageName.parse(reference);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<Digest> index = namedBy(indexes, name);
        return index.isEmpty() ? Optional.empty() : Optional.of(loadIndex(entries, index.get(), indexes.get(index.get())));
    }

    /**
     * The image a reference names for a platform: of an index, that platform's (by default this machine's,
     * or the only one present); of a single image, the image when it is for that platform. Empty when the
     * store lacks it (a pull may fetch it).
     */
    public Optional<StoredImage> find(String reference, Optional<Platform> platform) throws IOException {
        List<Descriptor> entries = store.refs().entries();
        Optional<StoredIndex> index = findIndex(entries, reference);
        if (index.isPresent()) {
            return platformImage(reference, index.get(), platform);
        }
        Optional<StoredImage> image = findSingle(entries, reference);
        if (image.isPresent() && platform.isPresent() && !platform.get().accepts(Platform.of(image.get().config()))) {
            return Optional.empty();
        }
        return image;
    }

    private Optional<StoredImage> platformImage(String reference, StoredIndex index, Optional<Platform> platform) throws IOException {
        Optional<Descriptor> entry = index.entry(platform.orElse(Platform.host()));
        if (entry.isEmpty() && platform.isEmpty()) {
            List<StoredImage> present = platformImages(index);
            if (present.size() == 1) {
                return Optional.of(present.get(0));
            }
            throw new StoreException(reference + " has no image for " + Platform.host() + " (it holds "
                    + index.platforms().stream().map(Platform::toString).collect(java.util.stream.Collectors.joining(", "))
                    + "): choose one with --platform");
        }
        if (entry.isEmpty() || !store.blobs().contains(entry.get().digest())) {
            return Optional.empty();
        }
        Digest d = entry.get().digest();
        return Optional.of(load(d, manifest(d), index.names()));
    }

    /** The summaries index entries carry, by manifest (names not filled in). */
    private static Map<Digest, ImageSummary> recordedSummaries(List<Descriptor> entries) {
        Map<Digest, ImageSummary> recorded = new HashMap<>();
        for (Descriptor d : entries) {
            ImageSummary s = ImageSummary.fromEntry(d);
            if (s != null) {
                recorded.putIfAbsent(d.digest(), s);
            }
        }
        return recorded;
    }

    /** The manifests index.json points at, each with its names (none: a dangling image), in index order. */
    private static Map<Digest, List<ImageName>> namesByManifest(List<Descriptor> entries) {
        Map<Digest, List<ImageName>> names = new LinkedHashMap<>();
        for (Descriptor d : entries) {
            if (!MediaTypes.isManifest(d.mediaType())) {
                continue;
            }
            List<ImageName> list = names.get(d.digest());
            if (list == null) { // not computeIfAbsent: a lambda costs its first use ~0.4 ms to link
                list = new ArrayList<>();
                names.put(d.digest(), list);
            }
            String ref = d.annotations().get(Descriptor.REF_NAME);
            if (ref != null) {
                list.add(ImageName.parse(ref));
            }
        }
        return names;
    }

    /** Whether one of {@code names} is of {@code name}'s repository (a loop: lambdas cost a cold start). */
    private static boolean namesRepository(List<ImageName> names, ImageName name) {
        for (ImageName n : names) {
            if (n.repository().equals(name.repository())) {
                return true;
            }
        }
        return false;
    }

    private Manifest manifest(Digest manifestDigest) throws IOException {
        return Json.read(store.blobs().read(manifestDigest), Manifest.class);
    }

    private StoredImage load(Digest manifestDigest, Manifest manifest, List<ImageName> names) throws IOException {
        ImageConfig config = Json.read(store.blobs().read(manifest.config().digest()), ImageConfig.class);
        return new StoredImage(manifestDigest, manifest, config, names);
    }

    /**
     * Finds an image by name ({@code busybox}, {@code busybox:1}), by {@code name@digest}, by full
     * ID ({@code sha256:...}) or by a unique prefix of its ID ({@code 1c91}). Reads the config of the
     * image found only (and, for an ID, the manifests, which name the configs), not every image's.
     */
    public StoredImage resolve(String reference) throws IOException {
        return resolve(reference, Optional.empty());
    }

    /** The same, a platform's image of a multi-platform one. */
    public StoredImage resolve(String reference, Optional<Platform> platform) throws IOException {
        Optional<StoredImage> found = find(reference, platform);
        if (found.isEmpty()) {
            throw new ImageNotFound(reference + platform.map(p -> " for " + p).orElse(""));
        }
        return found.get();
    }

    public Optional<StoredImage> find(String reference) throws IOException {
        return find(reference, Optional.empty());
    }

    private Optional<StoredImage> findSingle(List<Descriptor> entries, String reference) throws IOException {
        Map<Digest, List<ImageName>> named = namesByManifest(entries);
        String hex = reference.startsWith("sha256:") ? reference.substring(7) : reference;
        if (Digest.isLowerHex(hex, 1, 64)) {
            Map<Digest, ImageSummary> recorded = recordedSummaries(entries);
            Map<Digest, Digest> idByManifest = new LinkedHashMap<>();
            for (Digest m : named.keySet()) {
                Digest id = recorded.containsKey(m) ? recorded.get(m).id() : manifest(m).config().digest();
                if (id.hex().startsWith(hex)) {
                    idByManifest.put(m, id);
                }
            }
            if (new java.util.HashSet<>(idByManifest.values()).size() > 1) {
                throw new StoreException("image ID prefix " + reference + " is ambiguous: it matches "
                        + idByManifest.size() + " images");
            }
            if (!idByManifest.isEmpty()) {
                Digest first = idByManifest.keySet().iterator().next();
                return Optional.of(found(entries, load(first, manifest(first), named.get(first))));
            }
            if (reference.startsWith("sha256:")) {
                return Optional.empty();
            }
        }
        ImageName name;
        try {
            name = ImageName.parse(reference);
        } catch (IllegalArgumentException e) {
            throw new StoreException(e.getMessage());
        }
        Optional<Digest> manifest = namedBy(named, name);
        return manifest.isEmpty() ? Optional.empty()
                : Optional.of(found(entries, load(manifest.get(), manifest(manifest.get()), named.get(manifest.get()))));
    }

    /** Which of the manifests (or indexes) a name points at: NAME[:TAG], or NAME@DIGEST of its repository. */
    private static Optional<Digest> namedBy(Map<Digest, List<ImageName>> named, ImageName name) {
        for (Map.Entry<Digest, List<ImageName>> e : named.entrySet()) {
            boolean byDigest = name.digest() != null && e.getKey().equals(name.digest()) && namesRepository(e.getValue(), name);
            if (byDigest || (name.digest() == null && e.getValue().contains(name))) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** The image found, its recorded chain IDs told to LayerTrees. */
    private static StoredImage found(List<Descriptor> entries, StoredImage image) {
        for (Descriptor d : entries) {
            if (d.digest().equals(image.manifestDigest()) && d.annotations().containsKey(ImageSummary.CHAIN)) {
                ImageSummary.rememberChain(d, image);
                break;
            }
        }
        return image;
    }

    /** Points {@code name} at {@code image}; an image left without names stays, dangling. */
    public void tag(StoredImage image, ImageName name) throws IOException {
        Map<String, String> annotations = ImageSummary.annotations(image);
        annotations.put(Descriptor.REF_NAME, name.toString());
        point(new Descriptor(manifestMediaType(image), image.manifestDigest(), store.blobs().size(image.manifestDigest()),
                annotations, null), name);
    }

    /** Points {@code name} at a multi-platform image. */
    public void tag(StoredIndex index, ImageName name) throws IOException {
        point(index.descriptor().withAnnotation(Descriptor.REF_NAME, name.toString()), name);
    }

    private void point(Descriptor named, ImageName name) throws IOException {
        store.refs().update(entries -> {
            List<Descriptor> out = new ArrayList<>();
            for (Descriptor d : entries) {
                boolean sameName = name.toString().equals(d.annotations().get(Descriptor.REF_NAME));
                out.add(sameName ? d.withAnnotation(Descriptor.REF_NAME, null) : d); // the old image keeps an entry
            }
            out.add(named);
            return withoutRedundantDangling(out);
        });
    }

    private static String manifestMediaType(StoredImage image) {
        return image.manifest().mediaType() != null ? image.manifest().mediaType() : MediaTypes.OCI_MANIFEST;
    }

    /** A nameless entry is needed only for an image that has no named entry. */
    static List<Descriptor> withoutRedundantDangling(List<Descriptor> entries) {
        List<Descriptor> out = new ArrayList<>();
        java.util.Set<Digest> named = new java.util.HashSet<>();
        java.util.Set<Digest> seenDangling = new java.util.HashSet<>();
        for (Descriptor d : entries) {
            if (d.annotations().containsKey(Descriptor.REF_NAME)) {
                named.add(d.digest());
            }
        }
        for (Descriptor d : entries) {
            boolean dangling = !d.annotations().containsKey(Descriptor.REF_NAME);
            if (dangling && (named.contains(d.digest()) || !seenDangling.add(d.digest()))) {
                continue;
            }
            out.add(d);
        }
        return out;
    }

    /** Writes config and manifest of a new image and names it; returns it. Caller holds the writing lock. */
    public StoredImage add(ImageConfig config, List<Descriptor> layers, Optional<ImageName> name) throws IOException {
        return add(Json.bytes(config), config, layers, Map.of(), name);
    }

    /** The same with annotations on the manifest (a build's --annotation). */
    public StoredImage add(ImageConfig config, List<Descriptor> layers, Map<String, String> annotations, Optional<ImageName> name)
            throws IOException {
        return add(Json.bytes(config), config, layers, annotations, name);
    }

    /** The same with the config's exact bytes (a loaded or pulled image keeps its ID). */
    public StoredImage add(byte[] configJson, List<Descriptor> layers, Optional<ImageName> name) throws IOException {
        return add(configJson, Json.read(configJson, ImageConfig.class), layers, Map.of(), name);
    }

    private StoredImage add(byte[] configJson, ImageConfig config, List<Descriptor> layers, Map<String, String> annotations,
                            Optional<ImageName> name) throws IOException {
        Digest configDigest = store.blobs().put(configJson);
        Manifest manifest = new Manifest(2, MediaTypes.OCI_MANIFEST, Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, configJson.length),
                layers, annotations);
        byte[] manifestJson = Json.bytes(manifest);
        Digest manifestDigest = store.blobs().put(manifestJson);
        StoredImage image = new StoredImage(manifestDigest, manifest, config, List.of());
        register(image, Descriptor.of(MediaTypes.OCI_MANIFEST, manifestDigest, manifestJson.length), name);
        return new StoredImage(manifestDigest, manifest, config, name.map(List::of).orElse(List.of()));
    }

    /**
     * Writes an index of images already in the store (each entry's platform given) and names it; the
     * images' own nameless entries go, as they are reachable through the index now. Caller holds the
     * writing lock.
     */
    public StoredIndex addIndex(List<Descriptor> entries, Map<String, String> annotations, List<ImageName> names)
            throws IOException {
        byte[] bytes = Json.bytes(new dev.jbuild.store.oci.ImageIndex(2, MediaTypes.OCI_INDEX, entries, annotations));
        Digest digest = store.blobs().put(bytes);
        StoredIndex index = new StoredIndex(digest, MediaTypes.OCI_INDEX, bytes.length,
                Json.read(bytes, dev.jbuild.store.oci.ImageIndex.class), names);
        registerIndex(index);
        java.util.Set<Digest> children = new java.util.HashSet<>();
        entries.forEach(e -> children.add(e.digest()));
        store.refs().update(all -> all.stream()
                .filter(d -> d.annotations().containsKey(Descriptor.REF_NAME) || !children.contains(d.digest())).toList());
        return index;
    }

    /**
     * The same in place of {@code replaced} (an index edited, an image that became an index): its entries
     * go unless it is the very index written.
     */
    public StoredIndex replaceIndex(Digest replaced, List<Descriptor> entries, Map<String, String> annotations, List<ImageName> names)
            throws IOException {
        StoredIndex index = addIndex(entries, annotations, names);
        if (!index.digest().equals(replaced)) {
            forget(replaced);
        }
        return index;
    }

    /** Records an index whose blob is in the store, under its names (none: dangling). */
    public void registerIndex(StoredIndex index) throws IOException {
        if (index.names().isEmpty()) {
            store.refs().update(entries -> {
                entries.add(index.descriptor());
                return withoutRedundantDangling(entries);
            });
        }
        for (ImageName n : index.names()) {
            tag(index, n);
        }
    }

    /** Records an image whose blobs are all in the store already (loaded or pulled), under its name if any. */
    public void register(StoredImage image, Descriptor manifest, Optional<ImageName> name) throws IOException {
        if (name.isPresent()) {
            tag(image, name.get());
        } else {
            Descriptor entry = new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size(),
                    ImageSummary.annotations(image), null);
            store.refs().update(entries -> {
                entries.add(entry);
                return withoutRedundantDangling(entries);
            });
        }
    }

    /** Removes names and images as {@code docker rmi} does; returns the lines docker would print. */
    public List<String> remove(String reference, boolean force) throws IOException {
        try (StoreLock lock = store.lockForCollecting()) {
            Optional<StoredIndex> index = findIndex(reference);
            if (index.isPresent()) {
                return removeIndex(reference, index.get(), force);
            }
            StoredImage image = resolve(reference);
            List<String> report = new ArrayList<>();
            boolean byName = image.names().stream().anyMatch(n -> n.isNamedBy(reference));
            if (byName && image.names().size() > 1) {
                return untag(image.names().stream().filter(n -> n.isNamedBy(reference)).findFirst().orElseThrow());
            }
            if (inUse.contains(image.id())) {
                if (!force) {
                    throw new StoreException("conflict: unable to remove " + reference + " (must force) - a container is using image "
                            + image.id().shortId() + "; remove the container first (jbuild rm)");
                }
                // As docker: forced, the names go; the image stays for its containers.
                java.util.Set<String> dropped = new java.util.HashSet<>();
                image.names().forEach(n -> dropped.add(n.toString()));
                store.refs().update(entries -> withoutRedundantDangling(entries.stream()
                        .map(d -> dropped.contains(d.annotations().get(Descriptor.REF_NAME)) ? d.withAnnotation(Descriptor.REF_NAME, null) : d)
                        .toList()));
                image.names().forEach(n -> report.add("Untagged: " + n.familiar()));
                return report;
            }
            if (!byName && image.names().size() > 1 && !force) {
                throw new StoreException("conflict: unable to delete " + image.id().shortId()
                        + " (must be forced) - image is referenced in multiple repositories");
            }
            forget(image.manifestDigest());
            for (ImageName n : image.names()) {
                report.add("Untagged: " + n.familiar());
            }
            report.add("Deleted: " + image.id());
            collectGarbage();
            return report;
        }
    }

    /** rmi of a multi-platform image: a name of several goes alone; else the index goes, with what only it kept. */
    private List<String> removeIndex(String reference, StoredIndex index, boolean force) throws IOException {
        Optional<ImageName> byName = index.names().stream().filter(n -> n.isNamedBy(reference)).findFirst();
        if (byName.isPresent() && index.names().size() > 1) {
            return untag(byName.get());
        }
        Optional<StoredImage> used = imageInUse(index);
        if (used.isPresent() && !force) {
            throw new StoreException("conflict: unable to remove " + reference + " (must force) - a container is using its "
                    + Platform.of(used.get().config()) + " image " + used.get().id().shortId() + "; remove the container first (jbuild rm)");
        }
        List<String> report = new ArrayList<>();
        forget(index.digest());
        index.names().forEach(n -> report.add("Untagged: " + n.familiar()));
        report.add("Deleted: " + index.digest());
        collectGarbage();
        return report;
    }

    /** Removes one of several names; docker's report line. */
    private List<String> untag(ImageName name) throws IOException {
        store.refs().update(entries -> entries.stream().filter(d -> !name.toString().equals(d.annotations().get(Descriptor.REF_NAME))).toList());
        return new ArrayList<>(List.of("Untagged: " + name.familiar()));
    }

    /** An image of the index's platforms a container is made from, if any. */
    private Optional<StoredImage> imageInUse(StoredIndex index) throws IOException {
        for (StoredImage image : platformImages(index)) {
            if (inUse.contains(image.id())) {
                return Optional.of(image);
            }
        }
        return Optional.empty();
    }

    /** Removes every index.json entry of a manifest or index, named or not (what it referenced is collected later). */
    public void forget(Digest manifest) throws IOException {
        store.refs().update(entries -> entries.stream().filter(d -> !d.digest().equals(manifest)).toList());
    }

    /**
     * Removes dangling images, or with {@code all} every image; returns docker's report lines
     * ("untagged: ...", "deleted: ...") and what the collection freed.
     */
    public PruneReport prune(boolean all) throws IOException {
        try (StoreLock lock = store.lockForCollecting()) {
            List<String> lines = new ArrayList<>();
            java.util.Set<Digest> doomed = new java.util.HashSet<>();
            for (StoredImage image : list()) {
                if ((all || image.dangling()) && !inUse.contains(image.id())) {
                    image.names().forEach(n -> lines.add("untagged: " + n.familiar()));
                    lines.add("deleted: " + image.id());
                    doomed.add(image.manifestDigest());
                }
            }
            List<Descriptor> entries = store.refs().entries();
            for (Map.Entry<Digest, List<ImageName>> e : namesByIndex(entries).entrySet()) {
                StoredIndex index = loadIndex(entries, e.getKey(), e.getValue());
                if ((all || index.names().isEmpty()) && imageInUse(index).isEmpty()) {
                    index.names().forEach(n -> lines.add("untagged: " + n.familiar()));
                    lines.add("deleted: " + index.digest());
                    doomed.add(index.digest());
                }
            }
            store.refs().update(refs -> refs.stream().filter(d -> !doomed.contains(d.digest())).toList());
            return new PruneReport(lines, collectGarbage());
        }
    }

    /** What a prune removed. */
    public record PruneReport(List<String> lines, GarbageReport garbage) {
    }

    /** Bytes of distinct blobs the images use: shared layers counted once. */
    public long storedSize(List<StoredImage> images) throws IOException {
        java.util.Map<Digest, Long> blobs = new java.util.HashMap<>();
        for (StoredImage i : images) {
            blobs.put(i.manifestDigest(), store.blobs().size(i.manifestDigest()));
            blobs.put(i.id(), i.manifest().config().size());
            i.manifest().layers().forEach(l -> blobs.put(l.digest(), l.size()));
        }
        return blobs.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Deletes blobs no image references, and extracted layer trees no image's layer chain uses.
     * Caller holds {@link Store#lockForCollecting()}.
     */
    public GarbageReport collectGarbage() throws IOException {
        java.util.Set<Digest> live = new java.util.HashSet<>();
        java.util.Set<Digest> liveChains = new java.util.HashSet<>();
        markAllLive(live, liveChains);
        long freed = 0;
        int deleted = 0;
        for (Digest d : store.blobs().list()) {
            if (!live.contains(d)) {
                freed += store.blobs().size(d);
                store.blobs().delete(d);
                store.locations().forget(d);
                deleted++;
            }
        }
        for (Digest chain : store.layerTrees().list()) {
            if (!liveChains.contains(chain)) {
                store.layerTrees().delete(chain);
            }
        }
        for (Digest diffId : store.compressedForms().list()) {
            if (!live.contains(diffId)) { // a layer stored as a tree has its diffID as digest
                store.compressedForms().forget(diffId);
            }
        }
        for (Digest manifest : store.manifestForms().list()) {
            if (!live.contains(manifest)) {
                store.manifestForms().forget(manifest);
            }
        }
        return new GarbageReport(deleted, freed);
    }

    /**
     * What the next collection would free: blobs no name, image or cache entry references (left, for
     * one, by a prune that was interrupted after removing names). Counts, deletes nothing.
     */
    public Unreferenced unreferenced() throws IOException {
        java.util.Set<Digest> live = new java.util.HashSet<>();
        markAllLive(live, new java.util.HashSet<>());
        long bytes = 0;
        int count = 0;
        for (Digest d : store.blobs().list()) {
            if (!live.contains(d)) {
                bytes += store.blobs().size(d);
                count++;
            }
        }
        return new Unreferenced(count, bytes);
    }

    private void markAllLive(java.util.Set<Digest> live, java.util.Set<Digest> liveChains) throws IOException {
        for (Descriptor entry : store.refs().entries()) {
            markLive(entry, live, liveChains);
        }
        for (Descriptor cached : new dev.jbuild.store.cache.BuildCache(store).manifests()) {
            markLive(cached, live, liveChains);
        }
    }

    private void markLive(Descriptor d, java.util.Set<Digest> live, java.util.Set<Digest> liveChains) throws IOException {
        if (!live.add(d.digest()) || !store.blobs().contains(d.digest())) {
            return;
        }
        if (MediaTypes.isIndex(d.mediaType())) {
            for (Descriptor m : Json.read(store.blobs().read(d.digest()), dev.jbuild.store.oci.ImageIndex.class).manifests()) {
                markLive(m, live, liveChains);
            }
        } else if (MediaTypes.isManifest(d.mediaType())) {
            Manifest m = Json.read(store.blobs().read(d.digest()), Manifest.class);
            live.add(m.config().digest());
            m.layers().forEach(l -> live.add(l.digest()));
            if (store.blobs().contains(m.config().digest())) {
                ImageConfig config = Json.read(store.blobs().read(m.config().digest()), ImageConfig.class);
                liveChains.addAll(LayerTrees.chainIds(config.rootfs().diffIds()));
            }
        }
    }

    /** Blobs nothing references, and their size. */
    public record Unreferenced(int blobs, long bytes) {
    }

    /** What a garbage collection removed. */
    public record GarbageReport(int blobsDeleted, long bytesFreed) {
    }
}
