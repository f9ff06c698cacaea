package dev.jbuild.cli.image;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.store.name.ImageName;

/** Image names typed on the command line: a bad one is a one-line error. */
public final class ImageNames {
    private ImageNames() {
    }

    public static ImageName parse(String text) {
        try {
            return ImageName.parse(text);
        } catch (IllegalArgumentException e) {
            throw new JbuildFailure(e.getMessage());
        }
    }

    /** A name to tag with: a digest cannot be part of it. */
    public static ImageName tagTarget(String text) {
        ImageName n = parse(text);
        if (n.digest() != null) {
            throw new JbuildFailure("refusing to create a tag with a digest reference: " + text);
        }
        return n;
    }
}
