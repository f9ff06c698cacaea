# Class-data-sharing training for build steps on a base (bin/jbuild builds it on a layer holding one program
# that cannot run: the RUN fails after everything jbuild does for it).
FROM imported
COPY scratch.Dockerfile /copied/
RUN ["true"]
