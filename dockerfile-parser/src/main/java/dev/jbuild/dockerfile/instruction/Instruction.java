package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;

/** One validated Dockerfile instruction. */
public sealed interface Instruction
        permits From, Run, Cmd, Entrypoint, Shell, Label, Env, Arg, Expose, Volume, User, Workdir,
        StopSignal, Maintainer, Copy, Add, Onbuild, Healthcheck {

    SourceRange range();

    /** The instruction line as written, continuations joined: for history and messages. */
    String original();
}
