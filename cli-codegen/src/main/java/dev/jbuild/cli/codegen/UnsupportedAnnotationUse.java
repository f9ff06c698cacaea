package dev.jbuild.cli.codegen;

import javax.lang.model.element.Element;

/** A picocli annotation (or attribute) the generated models do not reproduce: a compile error, never a silent drop. */
final class UnsupportedAnnotationUse extends RuntimeException {
    private final transient Element element;

    UnsupportedAnnotationUse(String message, Element element) {
        super(message);
        this.element = element;
    }

    Element element() {
        return element;
    }
}
