package dev.jbuild.cli.codegen;

import java.util.List;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;

/** Reading annotation attribute values: a single value where an array is allowed counts as one element. */
final class AnnotationValues {
    private AnnotationValues() {
    }

    @SuppressWarnings("unchecked")
    static List<? extends AnnotationValue> list(AnnotationValue value) {
        return value.getValue() instanceof List<?> ? (List<? extends AnnotationValue>) value.getValue() : List.of(value);
    }

    static String string(AnnotationValue value) {
        return (String) value.getValue();
    }

    static List<String> strings(AnnotationValue value) {
        return list(value).stream().map(AnnotationValues::string).toList();
    }

    /** An enum constant's simple name. */
    static String constant(AnnotationValue value) {
        return ((VariableElement) value.getValue()).getSimpleName().toString();
    }
}
