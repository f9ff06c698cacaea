package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;

/** {@code USER name[:group]}. */
public record User(String user, String original, SourceRange range) implements Instruction, Expandable<User> {

    @Override
    public User expand(Expander x) {
        return new User(x.word(user), original, range);
    }
}
