# Class-data-sharing training for the build path (bin/jbuild builds it into a scratch store): metadata steps only,
# so it needs no namespace; every field an image config can hold, which every later reading of it parses.
FROM scratch
ARG VERSION=1
ENV A=b
LABEL training="$VERSION"
EXPOSE 80/tcp
VOLUME ["/v"]
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s CMD ["true"]
ONBUILD RUN true
SHELL ["/bin/sh", "-c"]
ENTRYPOINT ["sh"]
CMD ["true"]
