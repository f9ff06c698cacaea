package dev.jbuild.store.copy;

import dev.jbuild.store.oci.Descriptor;
import java.util.function.BiFunction;

/** How each command says what happened to a blob: docker's words for pull and push, skopeo's for copy. */
public enum BlobWords implements BiFunction<Descriptor, Outcome, String> {
    PULL {
        @Override
        public String apply(Descriptor blob, Outcome outcome) {
            return blob.digest().shortId() + (outcome.kind() == Outcome.Kind.WRITTEN ? ": Pull complete" : ": Already exists");
        }
    },
    PUSH {
        @Override
        public String apply(Descriptor blob, Outcome outcome) {
            return blob.digest().shortId() + switch (outcome.kind()) {
                case WRITTEN -> ": Pushed";
                case PRESENT -> ": Layer already exists";
                case MOUNTED -> ": Mounted from " + outcome.mountedFrom();
            };
        }
    },
    COPY {
        @Override
        public String apply(Descriptor blob, Outcome outcome) {
            return "Copying blob " + blob.digest().shortId() + switch (outcome.kind()) {
                case WRITTEN -> " done";
                case PRESENT -> " skipped: already exists";
                case MOUNTED -> " mounted from " + outcome.mountedFrom();
            };
        }
    }
}
