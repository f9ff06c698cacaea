# Class-data-sharing training for a built layer's way out (bin/jbuild builds it with --push): its layer is
# compressed and streamed into the training registry while the build ends, the config beside it.
FROM imported
COPY scratch.Dockerfile /copied/
