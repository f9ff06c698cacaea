package dev.jbuild.cli.codegen;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * For every class with picocli annotations, writes {@code <Class>Model} beside it: code that builds the
 * class's picocli {@code CommandSpec} and binds its fields without reflection. picocli reads annotations
 * at run time, and on a small machine parsing them (each annotation type a generated proxy class) cost
 * more of a command's start than the command itself; here they are read once, when jbuild is compiled.
 */
@SupportedAnnotationTypes("picocli.CommandLine.*")
public final class CommandModelProcessor extends AbstractProcessor {

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Set<TypeElement> types = new LinkedHashSet<>();
        for (TypeElement annotation : annotations) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                types.add(element.getKind() == ElementKind.FIELD ? (TypeElement) element.getEnclosingElement() : (TypeElement) element);
            }
        }
        for (TypeElement type : types) {
            try {
                write(type);
            } catch (UnsupportedAnnotationUse e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, e.getMessage(), e.element());
            } catch (IOException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write the model: " + e.getMessage(), type);
            }
        }
        return false; // picocli's annotations stay visible to anything else that reads them
    }

    private void write(TypeElement type) throws IOException {
        if (type.getNestingKind() != NestingKind.TOP_LEVEL) {
            throw new UnsupportedAnnotationUse("command models are generated for top-level classes only", type);
        }
        CommandClass command = CommandClass.read(type, processingEnv);
        String source = new ModelSource(command, processingEnv.getElementUtils()).toString();
        try (Writer out = processingEnv.getFiler().createSourceFile(command.modelName(), type).openWriter()) {
            out.write(source);
        }
    }
}
