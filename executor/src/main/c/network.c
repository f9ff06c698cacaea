/*
 * The private network (NETWORK "private[,PROTO/HOSTIP/HOSTPORT/CONTAINERPORT...]"): slirp4netns, a user-mode
 * TCP/IP stack, gives the command's new network namespace a tap0 (10.0.2.100, gateway 10.0.2.2, DNS 10.0.2.3)
 * with outbound access through the host's sockets, and forwards the published host ports into it.
 * The host's loopback is not reachable from inside (--disable-host-loopback), as Podman's default has it.
 * A build's RUN steps share one such namespace (NETWORK "join:PATH"), held by this program in "network" mode.
 *
 * slirp4netns must run in the host's network namespace, so it is forked before unshare and told to go
 * once the new namespace exists. It dies with this process: its exit descriptor reads EOF when we are gone,
 * and its parent-death signal is set as well. Its API socket and log live in DIR (our working directory
 * while this runs, so the socket's path stays short).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox.h"

#define API_SOCKET "slirp4netns.sock"
#define LOG_FILE "slirp4netns.log"
#define GUEST_ADDRESS "10.0.2.100"
#define READY_TIMEOUT_MS 10000

int network_is_private(const char *network) {
    return strncmp(network, "private", 7) == 0 && (network[7] == '\0' || network[7] == ',');
}

/* In the child: waits for the word to go, then becomes slirp4netns for our (then new) network namespace. */
static void become_slirp(int go, int ready, int exit_fd, pid_t target) {
    char byte;
    if (read(go, &byte, 1) != 1) {
        _exit(SETUP_FAILED); /* the sandbox failed before the namespace existed */
    }
    int log = open(LOG_FILE, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (log >= 0) {
        dup2(log, STDOUT_FILENO);
        dup2(log, STDERR_FILENO);
    }
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
    }
    char ready_arg[16], exit_arg[16], target_arg[16];
    snprintf(ready_arg, sizeof ready_arg, "%d", ready);
    snprintf(exit_arg, sizeof exit_arg, "%d", exit_fd);
    snprintf(target_arg, sizeof target_arg, "%d", (int) target);
    unlink(API_SOCKET);
    char *argv[] = {"slirp4netns", "--configure", "--mtu=65520", "--disable-host-loopback", "--ready-fd", ready_arg,
                    "--exit-fd", exit_arg, "--api-socket", API_SOCKET, target_arg, "tap0", NULL};
    execvp(argv[0], argv);
    fprintf(stderr, "jbuild-sandbox: cannot run slirp4netns: %s\n", strerror(errno));
    _exit(SETUP_FAILED);
}

void network_prepare(struct slirp *s, const char *dir) {
    if (chdir(dir) != 0) {
        fail("cannot change directory to %s", dir);
    }
    int go[2], ready[2], exit_pipe[2];
    if (pipe2(go, O_CLOEXEC) != 0 || pipe2(ready, O_CLOEXEC) != 0 || pipe2(exit_pipe, O_CLOEXEC) != 0) {
        fail("pipe");
    }
    pid_t target = getpid();
    s->pid = fork();
    if (s->pid < 0) {
        fail("fork");
    }
    if (s->pid == 0) {
        die_with(target, SIGKILL);
        close(go[1]);
        close(ready[0]);
        close(exit_pipe[1]);
        /* slirp4netns's two descriptors must outlive exec */
        fcntl(ready[1], F_SETFD, 0);
        fcntl(exit_pipe[0], F_SETFD, 0);
        become_slirp(go[0], ready[1], exit_pipe[0], target);
    }
    close(go[0]);
    close(ready[1]);
    close(exit_pipe[0]);
    s->go = go[1];
    s->ready = ready[0];
    s->exit_fd = exit_pipe[1];
}

/* One request to slirp4netns's API: true when it answered with a "return". */
static int api_request(const char *json, char *answer, size_t size) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    strcpy(addr.sun_path, API_SOCKET);
    if (fd < 0 || connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) {
        fail("cannot reach slirp4netns's API socket");
    }
    size_t len = strlen(json);
    if (write(fd, json, len) != (ssize_t) len) {
        fail("cannot write to slirp4netns's API socket");
    }
    shutdown(fd, SHUT_WR);
    size_t got = 0;
    for (ssize_t n; got < size - 1 && (n = read(fd, answer + got, size - 1 - got)) > 0;) {
        got += (size_t) n;
    }
    answer[got] = '\0';
    close(fd);
    return strstr(answer, "\"return\"") != NULL;
}

/* Each PROTO/HOSTIP/HOSTPORT/CONTAINERPORT of the list forwarded; one that cannot be (its port taken) ends the run. */
static void publish(const char *list) {
    char *copy = strdup(list);
    if (copy == NULL) {
        fail("publish");
    }
    char *saved;
    for (char *port = strtok_r(copy, ",", &saved); port != NULL; port = strtok_r(NULL, ",", &saved)) {
        char proto[8], host_ip[64];
        unsigned host_port, guest_port;
        if (sscanf(port, "%7[a-z]/%63[0-9.]/%u/%u", proto, host_ip, &host_port, &guest_port) != 4) {
            errno = EINVAL;
            fail("published port %s", port);
        }
        char json[512], answer[1024];
        snprintf(json, sizeof json, "{\"execute\": \"add_hostfwd\", \"arguments\": {\"proto\": \"%s\", \"host_addr\": \"%s\","
                 " \"host_port\": %u, \"guest_addr\": \"" GUEST_ADDRESS "\", \"guest_port\": %u}}", proto, host_ip, host_port, guest_port);
        if (!api_request(json, answer, sizeof answer)) {
            fprintf(stderr, "jbuild-sandbox: cannot publish %s:%u: the port is in use or not allowed (slirp4netns: %s)\n",
                    host_ip, host_port, answer);
            _exit(SETUP_FAILED);
        }
    }
    free(copy);
}

void network_start(struct slirp *s, const char *network) {
    if (write(s->go, "1", 1) != 1) {
        fail("cannot start slirp4netns");
    }
    close(s->go);
    struct pollfd ready = {.fd = s->ready, .events = POLLIN};
    char byte;
    int answered = poll(&ready, 1, READY_TIMEOUT_MS);
    if (answered <= 0 || read(s->ready, &byte, 1) != 1) {
        fprintf(stderr, "jbuild-sandbox: slirp4netns did not set up the private network%s (see %s in the container's directory)\n",
                answered == 0 ? " in time" : "", LOG_FILE);
        _exit(SETUP_FAILED);
    }
    close(s->ready);
    if (network[7] == ',') {
        publish(network + 8);
    }
}

void network_stop(struct slirp *s) {
    close(s->exit_fd);
    while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR) {
    }
}

/* NETWORK "join:PATH": the network namespace at PATH (a build's shared one) instead of a new one. */
int network_join(const char *network) {
    if (strncmp(network, "join:", 5) != 0) {
        return 0;
    }
    int fd = open(network + 5, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || setns(fd, CLONE_NEWNET) != 0) {
        fail("cannot join the network namespace %s", network + 5);
    }
    close(fd);
    return 1;
}

int hold_network(const char *dir, pid_t parent) {
    die_with(parent, SIGKILL);
    struct slirp slirp;
    network_prepare(&slirp, dir);
    if (unshare(CLONE_NEWNET) != 0) {
        fail("cannot make a network namespace");
    }
    network_start(&slirp, "private");
    printf("ready\n");
    fflush(stdout);
    char buffer[64];
    for (;;) { /* until EOF or an error: jbuild closed our stdin, or is gone */
        ssize_t n = read(STDIN_FILENO, buffer, sizeof buffer);
        if (n == 0 || (n < 0 && errno != EINTR)) {
            break;
        }
    }
    network_stop(&slirp);
    return 0;
}
