package dev.jbuild.dockerfile.instruction;

/**
 * An instruction whose words take {@code $var} expansion when it is executed (FROM, COPY, ADD, ENV,
 * LABEL, ARG, EXPOSE, USER, WORKDIR, VOLUME, STOPSIGNAL, and RUN's --mount). RUN, CMD, ENTRYPOINT,
 * SHELL, HEALTHCHECK, ONBUILD and MAINTAINER are left alone: their text reaches the shell or a later build.
 */
public interface Expandable<T extends Instruction> {

    T expand(Expander expander);
}
