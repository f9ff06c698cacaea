RUN echo before any FROM
FROM $UNDECLARED AS base
BOGUS instruction
COPY --chown onlyone
CMD [ "echo", [ "nested" ] ]
ENV PATH
MAINTAINER someone
RUN echo a \

  b
RUN <<EOF
echo this heredoc never ends
