package dev.jbuild.dockerfile.shell;

import java.util.List;
import java.util.Set;

/**
 * The result of expanding a text.
 *
 * @param word  the text as one word (whitespace kept)
 * @param words the text split into words after expansion, as a POSIX shell would split it
 * @param used  every variable name the text looked up, set or not (inputs of a build step's cache key)
 */
public record Expansion(String word, List<String> words, Set<String> used) {
}
