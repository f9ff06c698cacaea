# Class-data-sharing training for the build path (bin/jbuild builds it into a scratch store): metadata steps only,
# so it needs no namespace.
FROM scratch
ARG VERSION=1
ENV A=b
LABEL training="$VERSION"
CMD ["true"]
