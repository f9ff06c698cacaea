/*
 * Prints how many keys the SSH agent at $SSH_AUTH_SOCK holds (SSH_AGENTC_REQUEST_IDENTITIES, as ssh-add -l
 * asks), for BuildInputsIT: a static program a busybox image can run in a RUN --mount=type=ssh step.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int read_all(int fd, unsigned char *buffer, size_t size) {
    for (size_t got = 0; got < size;) {
        ssize_t n = read(fd, buffer + got, size - got);
        if (n <= 0) {
            return -1;
        }
        got += (size_t) n;
    }
    return 0;
}

int main(void) {
    const char *path = getenv("SSH_AUTH_SOCK");
    if (path == NULL) {
        fprintf(stderr, "SSH_AUTH_SOCK is not set\n");
        return 2;
    }
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    strncpy(addr.sun_path, path, sizeof addr.sun_path - 1);
    if (fd < 0 || connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) {
        perror("connect");
        return 1;
    }
    const unsigned char request[] = {0, 0, 0, 1, 11}; /* length 1, SSH_AGENTC_REQUEST_IDENTITIES */
    unsigned char answer[9];
    if (write(fd, request, sizeof request) != sizeof request || read_all(fd, answer, sizeof answer) != 0 || answer[4] != 12) {
        fprintf(stderr, "no identities answer\n");
        return 1;
    }
    printf("%u\n", (unsigned) answer[5] << 24 | (unsigned) answer[6] << 16 | (unsigned) answer[7] << 8 | answer[8]);
    return 0;
}
