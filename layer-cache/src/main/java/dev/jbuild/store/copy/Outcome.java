package dev.jbuild.store.copy;

/** What a copy did with one blob. */
public record Outcome(Kind kind, String mountedFrom) {
    public enum Kind { PRESENT, MOUNTED, WRITTEN }

    public static final Outcome PRESENT = new Outcome(Kind.PRESENT, null);
    public static final Outcome WRITTEN = new Outcome(Kind.WRITTEN, null);

    /** The sink got the blob from another of its repositories without a byte sent. */
    public static Outcome mounted(String from) {
        return new Outcome(Kind.MOUNTED, from);
    }
}
