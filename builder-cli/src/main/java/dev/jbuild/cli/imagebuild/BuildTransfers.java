package dev.jbuild.cli.imagebuild;

import dev.jbuild.executor.imagebuild.BuildProgress;
import dev.jbuild.store.Digest;
import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.store.copy.CopyProgress;
import dev.jbuild.store.copy.Outcome;
import dev.jbuild.store.oci.Descriptor;
import java.util.Optional;

/** A build's pulls and pushes in its progress view: bytes while a blob moves, then its line when there are words for it. */
final class BuildTransfers implements CopyProgress {
    private final BuildProgress progress;
    private final Optional<BlobWords> words;

    private BuildTransfers(BuildProgress progress, Optional<BlobWords> words) {
        this.progress = progress;
        this.words = words;
    }

    /** Bytes, then a line in {@code words} for each blob once it is done. */
    static BuildTransfers told(BuildProgress progress, BlobWords words) {
        return new BuildTransfers(progress, Optional.of(words));
    }

    /** Bytes only (the layers a build sends ahead: the push after it says what went). */
    static BuildTransfers bytesOnly(BuildProgress progress) {
        return new BuildTransfers(progress, Optional.empty());
    }

    @Override
    public void update(Digest blob, long done, long total) {
        progress.transfer(blob.shortId(), done, total);
    }

    @Override
    public void finished(Descriptor blob, Outcome outcome) {
        progress.transfer(blob.digest().shortId(), blob.size(), blob.size());
        words.ifPresent(w -> progress.message(w.apply(blob, outcome)));
    }
}
