# syntax=docker/dockerfile:1
# Training input for the class-data sharing archive bin/jbuild makes: every instruction, through the checker.
ARG BASE=busybox
FROM --platform=$BUILDPLATFORM ${BASE:-busybox} AS build
RUN --mount=type=cache,target=/c echo "$HOME" && true
RUN <<EOF
echo heredoc
EOF
COPY --chown=1:1 --chmod=644 --from=x --link --exclude=*.md a b /d/
ADD --checksum=sha256:0 --keep-git-dir https://x/y /z
ENV A=1 B="two words"
LABEL a=b
EXPOSE 80/tcp
VOLUME ["/v"]
USER 1:1
WORKDIR /w
STOPSIGNAL SIGTERM
SHELL ["/bin/sh", "-c"]
ONBUILD RUN true
HEALTHCHECK --interval=30s CMD ["true"]
ENTRYPOINT ["sh"]
CMD ["-c", "true"]
MAINTAINER x
