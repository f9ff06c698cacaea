package dev.jbuild.dockerfile.shell;

import java.util.Map;

/** Where expansion looks variables up. {@code null} means unset, which differs from empty. */
@FunctionalInterface
public interface Variables {

    String get(String name);

    Variables NONE = name -> null;

    static Variables of(Map<String, String> values) {
        return values::get;
    }
}
