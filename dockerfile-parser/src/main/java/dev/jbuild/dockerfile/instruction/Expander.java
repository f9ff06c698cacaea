package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.shell.Expansion;
import dev.jbuild.dockerfile.shell.ShellLexer;
import dev.jbuild.dockerfile.shell.Variables;
import dev.jbuild.dockerfile.syntax.Heredoc;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Expands the words of one instruction against one set of variables and remembers which it used. */
public final class Expander {
    private final ShellLexer lexer;
    private final ShellLexer bodyLexer;
    private final Variables variables;
    private final Set<String> used = new LinkedHashSet<>();

    public Expander(char escape, Variables variables) {
        this.lexer = new ShellLexer(escape);
        this.bodyLexer = new ShellLexer('\\').keepingQuotes(); // BuildKit expands bodies with '\\' whatever the directive
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

    /** A COPY/ADD heredoc: its body expanded (quotes kept) when the delimiter was not quoted. */
    public Heredoc heredoc(Heredoc h) {
        if (!h.expand()) {
            return h;
        }
        Expansion e = bodyLexer.process(h.effectiveContent(), variables);
        used.addAll(e.used());
        return new Heredoc(h.name(), e.word(), true, false, h.fileDescriptor());
    }

    public List<Heredoc> heredocs(List<Heredoc> heredocs) {
        return heredocs.stream().map(this::heredoc).toList();
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
