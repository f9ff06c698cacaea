package dev.jbuild.cli.multiplatform;

import dev.jbuild.executor.imagebuild.BuildProgress;
import dev.jbuild.store.platform.Platform;

/** One platform's part of a multi-platform build in the shared view: its steps say whose they are, as BuildKit's do. */
final class PlatformProgress implements BuildProgress {
    private final BuildProgress shared;
    private final String platform;

    PlatformProgress(BuildProgress shared, Platform platform) {
        this.shared = shared;
        this.platform = platform.toString();
    }

    @Override
    public Step step(String stage, int number, int total, String instruction) {
        return shared.step(stage.isEmpty() ? platform : platform + " " + stage, number, total, instruction);
    }

    @Override
    public void message(String line) {
        shared.message(line);
    }

    @Override
    public void transfer(String id, long done, long total) {
        shared.transfer(id, done, total);
    }

    @Override
    public void finish() {
        // the shared view finishes once, after every platform
    }
}
