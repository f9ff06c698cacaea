package dev.jbuild.store.copy;

import dev.jbuild.store.oci.Descriptor;
import java.util.function.BiFunction;

/** How each command says what happened to a blob: docker's words for pull and push, skopeo's for copy. */
public enum BlobWords implements BiFunction<Descriptor, Outcome, String> {
    PULL("Downloading") {
        @Override
        public String apply(Descriptor blob, Outcome outcome) {
            return blob.digest().shortId() + (outcome.kind() == Outcome.Kind.WRITTEN ? ": Pull complete" : ": Already exists");
        }
    },
    PUSH("Pushing") {
        @Override
        public String apply(Descriptor blob, Outcome outcome) {
            return blob.digest().shortId() + switch (outcome.kind()) {
                case WRITTEN -> ": Pushed";
                case PRESENT -> ": Layer already exists";
                case MOUNTED -> ": Mounted from " + outcome.mountedFrom();
            };
        }
    },
    COPY("Copying") {
        @Override
        public String apply(Descriptor blob, Outcome outcome) {
            return "Copying blob " + blob.digest().shortId() + switch (outcome.kind()) {
                case WRITTEN -> " done";
                case PRESENT -> " skipped: already exists";
                case MOUNTED -> " mounted from " + outcome.mountedFrom();
            };
        }
    };

    private final String moving;

    BlobWords(String moving) {
        this.moving = moving;
    }

    /** What a blob is while its bytes move ({@code Downloading}). */
    public String moving() {
        return moving;
    }
}
