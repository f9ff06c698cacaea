package dev.jbuild.cli.multiplatform;

import dev.jbuild.executor.imagebuild.BuildProgress;
import dev.jbuild.store.platform.Platform;

/** One platform's part of a multi-platform build in the shared view: its steps say whose they are, as BuildKit's do. */
final class PlatformProgress extends BuildProgress.Forwarding {
    private final String platform;

    PlatformProgress(BuildProgress shared, Platform platform) {
        super(shared);
        this.platform = platform.toString();
    }

    @Override
    public Step step(String stage, int number, int total, String instruction) {
        return next.step(stage.isEmpty() ? platform : platform + " " + stage, number, total, instruction);
    }

    @Override
    public void finish() {
        // the shared view finishes once, after every platform
    }
}
