package dev.jbuild.cli.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** What one class's picocli annotations say: the command, its options and positionals, mixins and injected fields. */
record CommandClass(TypeElement type, String packageName, String simpleName, Map<String, AnnotationValue> command,
        List<Arg> args, List<FieldOfType> mixins, List<String> specFields, List<FieldOfType> parentFields,
        List<Subcommand> subcommands) {

    /** An option or positional parameter bound to a field; multiValue: a collection or an array. */
    record Arg(boolean option, VariableElement field, boolean multiValue, Map<String, AnnotationValue> values) {
        String name() {
            return field.getSimpleName().toString();
        }
    }

    record FieldOfType(String field, String type) {
    }

    record Subcommand(String name, String type) {
    }

    private static final String PICOCLI = "picocli.CommandLine.";
    private static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "Command", Set.of("name", "description", "footer", "mixinStandardHelpOptions", "versionProvider", "subcommands"),
            "Option", Set.of("names", "description", "paramLabel", "arity", "defaultValue", "scope", "required", "hidden", "split"),
            "Parameters", Set.of("index", "description", "paramLabel", "arity", "defaultValue", "hidden", "split"),
            "Mixin", Set.of(),
            "Spec", Set.of(),
            "ParentCommand", Set.of());

    String modelName() {
        return (packageName.isEmpty() ? "" : packageName + ".") + simpleName + "Model";
    }

    static CommandClass read(TypeElement type, ProcessingEnvironment env) {
        TypeMirror superclass = type.getSuperclass();
        if (superclass.getKind() == TypeKind.DECLARED
                && !((TypeElement) ((DeclaredType) superclass).asElement()).getQualifiedName().contentEquals("java.lang.Object")) {
            throw new UnsupportedAnnotationUse("command classes extend nothing: inherited annotated fields are not modelled", type);
        }
        String packageName = env.getElementUtils().getPackageOf(type).getQualifiedName().toString();
        Map<String, AnnotationValue> command = picocli(type, "Command");
        List<Arg> args = new ArrayList<>();
        List<FieldOfType> mixins = new ArrayList<>();
        List<String> specFields = new ArrayList<>();
        List<FieldOfType> parentFields = new ArrayList<>();
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() != ElementKind.FIELD) {
                if (member.getKind() == ElementKind.METHOD && hasAnyPicocli(member)) {
                    throw new UnsupportedAnnotationUse("annotated methods are not modelled; annotate a field", member);
                }
                continue;
            }
            VariableElement field = (VariableElement) member;
            if (hasAnyPicocli(field) && (field.getModifiers().contains(Modifier.PRIVATE) || field.getModifiers().contains(Modifier.STATIC))) {
                throw new UnsupportedAnnotationUse("an annotated field must be an instance field the package can reach", field);
            }
            String name = field.getSimpleName().toString();
            String fieldType = env.getTypeUtils().erasure(field.asType()).toString();
            Map<String, AnnotationValue> values;
            if ((values = picocli(field, "Option")) != null) {
                args.add(new Arg(true, field, multiValue(field, env), values));
            } else if ((values = picocli(field, "Parameters")) != null) {
                args.add(new Arg(false, field, multiValue(field, env), values));
            } else if (picocli(field, "Mixin") != null) {
                mixins.add(new FieldOfType(name, fieldType));
            } else if (picocli(field, "Spec") != null) {
                specFields.add(name);
            } else if (picocli(field, "ParentCommand") != null) {
                parentFields.add(new FieldOfType(name, fieldType));
            }
        }
        List<Subcommand> subcommands = new ArrayList<>();
        if (command != null && command.containsKey("subcommands")) {
            for (AnnotationValue value : AnnotationValues.list(command.get("subcommands"))) {
                TypeElement sub = (TypeElement) ((DeclaredType) value.getValue()).asElement();
                Map<String, AnnotationValue> subCommand = picocli(sub, "Command");
                if (subCommand == null || !subCommand.containsKey("name")) {
                    throw new UnsupportedAnnotationUse("subcommand " + sub + " needs @Command(name = ...)", type);
                }
                subcommands.add(new Subcommand(AnnotationValues.string(subCommand.get("name")), sub.getQualifiedName().toString()));
            }
        }
        return new CommandClass(type, packageName, type.getSimpleName().toString(), command, args, mixins, specFields, parentFields, subcommands);
    }

    private static boolean multiValue(VariableElement field, ProcessingEnvironment env) {
        TypeMirror collection = env.getTypeUtils().erasure(env.getElementUtils().getTypeElement("java.util.Collection").asType());
        return field.asType().getKind() == TypeKind.ARRAY || env.getTypeUtils().isAssignable(env.getTypeUtils().erasure(field.asType()), collection);
    }

    private static boolean hasAnyPicocli(Element element) {
        return element.getAnnotationMirrors().stream().anyMatch(m -> annotationName(m).startsWith(PICOCLI));
    }

    /** The explicitly given attributes of picocli's annotation {@code simpleName} on element, or null. */
    private static Map<String, AnnotationValue> picocli(Element element, String simpleName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            String name = annotationName(mirror);
            if (!name.startsWith(PICOCLI)) {
                continue;
            }
            String simple = name.substring(PICOCLI.length());
            if (!ATTRIBUTES.containsKey(simple)) {
                throw new UnsupportedAnnotationUse("@" + simple + " is not modelled by cli-codegen", element);
            }
            if (!simple.equals(simpleName)) {
                continue;
            }
            Map<String, AnnotationValue> values = new LinkedHashMap<>();
            for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
                String attribute = e.getKey().getSimpleName().toString();
                if (!ATTRIBUTES.get(simple).contains(attribute)) {
                    throw new UnsupportedAnnotationUse("@" + simple + "(" + attribute + ") is not modelled by cli-codegen", element);
                }
                values.put(attribute, e.getValue());
            }
            return values;
        }
        return null;
    }

    private static String annotationName(AnnotationMirror mirror) {
        return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
    }
}
