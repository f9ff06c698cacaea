package dev.jbuild.store.attestation;

/** One in-toto statement as stored: its predicate type and its exact JSON bytes. */
public record Statement(String predicateType, byte[] json) {
}
