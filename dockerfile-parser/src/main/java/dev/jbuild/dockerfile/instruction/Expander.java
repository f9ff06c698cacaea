package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.shell.Expansion;
import dev.jbuild.dockerfile.shell.ShellLexer;
import dev.jbuild.dockerfile.shell.Variables;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Expands the words of one instruction against one set of variables and remembers which it used. */
public final class Expander {
    private final ShellLexer lexer;
    private final Variables variables;
    private final Set<String> used = new LinkedHashSet<>();

    public Expander(char escape, Variables variables) {
        this.lexer = new ShellLexer(escape);
        this.variables = variables;
    }

    public String word(String text) {
        Expansion e = lexer.process(text, variables);
        used.addAll(e.used());
        return e.word();
    }

    public List<String> words(String text) {
        Expansion e = lexer.process(text, variables);
        used.addAll(e.used());
        return e.words();
    }

    public List<String> eachWord(List<String> texts) {
        List<String> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(word(t));
        }
        return out;
    }

    /** Names looked up so far: a build step's cache key depends on their values. */
    public Set<String> used() {
        return Set.copyOf(used);
    }
}
