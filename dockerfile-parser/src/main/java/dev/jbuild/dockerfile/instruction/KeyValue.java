package dev.jbuild.dockerfile.instruction;

/** A name and value of ENV or LABEL. */
public record KeyValue(String key, String value) {
}
