package dev.jbuild.cli;

import dev.jbuild.store.Ascii;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;

/**
 * One option or positional parameter of a command as its generated model lists it for {@link QuickCommandLine}:
 * names (none: positional), index, arity, default, type, element type, whether subcommands inherit it, split,
 * and the binding to its field. Values are converted as picocli converts them; empty where picocli might differ.
 */
record ArgumentRow(List<String> names, String index, String arity, String defaultValue, Class<?> type, Class<?> elementType,
                   boolean inherited, String split, Object binding) {

    static List<ArgumentRow> of(List<Object[]> rows) {
        List<ArgumentRow> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new ArgumentRow(r[0] == null ? List.of() : List.of((String[]) r[0]), (String) r[1], (String) r[2], (String) r[3],
                    (Class<?>) r[4], (Class<?>) r[5], (Boolean) r[6], (String) r[7], r[8]));
        }
        return out;
    }

    boolean positional() {
        return names.isEmpty();
    }

    boolean multiValue() {
        return List.class.isAssignableFrom(type);
    }

    /** A boolean option without a value (its presence means true). */
    boolean flag() {
        return !positional() && (type == boolean.class || type == Boolean.class) && (arity == null || arity.equals("0"));
    }

    /** A boolean option that may take true or false (--sbom, --sbom=false). */
    boolean optionalFlag() {
        return !positional() && (type == boolean.class || type == Boolean.class) && "0..1".equals(arity);
    }

    /** The least number of values a positional takes: the arity's lower bound. */
    int minimum() {
        String low = arity == null ? "1" : arity.contains("..") ? arity.substring(0, arity.indexOf("..")) : arity;
        return low.equals("*") ? 0 : Integer.parseInt(low);
    }

    /** Sets the field (a collection: appends); false where the value would need picocli's judgement. */
    boolean set(String value) throws Exception {
        if (multiValue()) {
            Optional<Object> element = convert(elementType, value);
            if (element.isEmpty()) {
                return false;
            }
            List<Object> list = ((IGetter) binding).get();
            List<Object> next = list == null ? new ArrayList<>() : list;
            next.add(element.get());
            ((ISetter) binding).set(next);
            return true;
        }
        Optional<Object> converted = convert(type, value);
        if (converted.isEmpty()) {
            return false;
        }
        ((ISetter) binding).set(converted.get());
        return true;
    }

    void setTrue() throws Exception {
        ((ISetter) binding).set(Boolean.TRUE);
    }

    /** picocli's built-in conversions for the types jbuild's options have; empty for anything else. */
    private static Optional<Object> convert(Class<?> type, String value) {
        if (type == String.class) {
            return Optional.of(value);
        }
        if (type == boolean.class || type == Boolean.class) {
            return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                    ? Optional.of(Boolean.valueOf(value)) : Optional.empty();
        }
        if (type == int.class || type == Integer.class) {
            return isNumber(value) ? Optional.of(Integer.valueOf(value)) : Optional.empty();
        }
        if (type == Path.class) {
            return Optional.of(Path.of(value));
        }
        return Optional.empty();
    }

    /** One to nine ASCII digits: an int without sign that cannot overflow. */
    static boolean isNumber(String s) {
        return s.length() <= 9 && Ascii.isDigits(s, 0, s.length());
    }
}
