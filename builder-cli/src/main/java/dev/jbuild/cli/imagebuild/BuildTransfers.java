package dev.jbuild.cli.imagebuild;

import dev.jbuild.executor.imagebuild.BuildProgress;
import dev.jbuild.store.Digest;
import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.store.copy.CopyProgress;
import dev.jbuild.store.copy.Outcome;
import dev.jbuild.store.oci.Descriptor;

/** A build's pulls and pushes in its progress view: bytes while a blob moves, then its line (unless words are null). */
final class BuildTransfers implements CopyProgress {
    private final BuildProgress progress;
    private final BlobWords words;

    BuildTransfers(BuildProgress progress, BlobWords words) {
        this.progress = progress;
        this.words = words;
    }

    @Override
    public void update(Digest blob, long done, long total) {
        progress.transfer(blob.shortId(), done, total);
    }

    @Override
    public void finished(Descriptor blob, Outcome outcome) {
        progress.transfer(blob.digest().shortId(), blob.size(), blob.size());
        if (words != null) {
            progress.message(words.apply(blob, outcome));
        }
    }
}
