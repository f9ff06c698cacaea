/*
 * jbuild-sandbox: starts a container's command, confined, in one of two isolations.
 *
 *   jbuild-sandbox ISOLATION MERGED DIR HOSTNAME NETWORK WORKDIR IDS SECCOMP NENV ENV... ARGV...
 *   jbuild-sandbox network DIR      (holds a private network namespace for a build's steps: network.c)
 *
 * ISOLATION "namespaces": new PID, mount, UTS and IPC (and, for NETWORK "none" or "private", network) namespaces, the
 * mounts of DIR/fstab (SandboxMounts), pivot_root into MERGED, the command as PID 1. "chroot": no
 * namespace and no mount (a CI pod without privileges): the command chrooted into MERGED without
 * CAP_SYS_CHROOT, with no_new_privs, and this process stays outside as a subreaper that kills and reaps
 * whatever the command left running (even what called setsid) before it exits.
 * Either way: Docker's default capabilities, a seccomp filter to its effect unless SECCOMP is
 * "unconfined", descriptors 0-2 only. IDS is "UID:GID" to switch to or "keep".
 *
 * It dies with whoever started it (jbuild), and so does everything the command started. Its exit status
 * is the command's; a signal that killed the command kills it too. Setup failures exit 125 with one line.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox.h"

#define FIXED_ARGS 10

struct request {
    enum isolation isolation;
    int kernel_files; /* chroot: the socket the command hands its notification listener over */
    const char *merged, *dir, *hostname, *network, *workdir, *ids;
    int seccomp;
    char **env;
    char **command;
};

void fail(const char *format, ...) {
    int saved = errno;
    va_list args;
    va_start(args, format);
    fputs("jbuild-sandbox: ", stderr);
    vfprintf(stderr, format, args);
    fprintf(stderr, ": %s\n", strerror(saved));
    va_end(args);
    _exit(SETUP_FAILED);
}

/* sethostname(2) in the new UTS namespace, or through /proc when that is refused. */
static void set_hostname(const char *merged, const char *name) {
    if (sethostname(name, strlen(name)) == 0) {
        return;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/proc/sys/kernel/hostname", merged);
    FILE *f = fopen(path, "w");
    if (f == NULL || fputs(name, f) < 0 || fclose(f) != 0) {
        fail("cannot set the host name %s", name);
    }
}

/* A loopback, as docker gives with --network none; nothing to do if the kernel refuses. */
static void loopback_up(void) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct ifreq ifr = {0};
    strcpy(ifr.ifr_name, "lo");
    if (s >= 0 && ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
        ifr.ifr_flags |= IFF_UP;
        ioctl(s, SIOCSIFFLAGS, &ifr);
    }
    if (s >= 0) {
        close(s);
    }
}

/* The last steps, shared by both isolations: the working directory, the filter, the ids, the exec. */
static void exec_confined(const struct request *r) {
    if (chdir(r->workdir) != 0) {
        fail("cannot change directory to %s", r->workdir);
    }
    apply_ulimits(getenv("JBUILD_SANDBOX_ULIMITS"));
    drop_bounding_set(r->isolation);
    if (r->isolation == CHROOT && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        fail("no_new_privs");
    }
    if (r->seccomp) {
        install_seccomp(r->isolation);
    }
    if (r->isolation == CHROOT) {
        kernel_files_hand_over(r->kernel_files); /* last of the filters: ours wins over no other's refusal */
    }
    if (strcmp(r->ids, "keep") != 0) {
        unsigned long uid, gid;
        if (sscanf(r->ids, "%lu:%lu", &uid, &gid) != 2) {
            errno = EINVAL;
            fail("ids %s", r->ids);
        }
        if (setgroups(0, NULL) != 0 || setgid(gid) != 0 || setuid(uid) != 0) {
            fail("cannot switch to user %lu and group %lu", uid, gid);
        }
    }
    keep_default_capabilities(r->isolation);
    close_inherited_descriptors();
    environ = r->env; /* execvp looks the command up on the container's PATH, in its root */
    execvp(r->command[0], r->command);
    int code = errno == ENOENT ? 127 : 126;
    fprintf(stderr, "jbuild-sandbox: cannot run %s: %s\n", r->command[0], strerror(errno));
    _exit(code);
}

/* PID 1 of the new namespaces: the mounts, the host name, the new root, then the command. */
static void become_command(const struct request *r) {
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        fail("make mounts private");
    }
    mount_all(r->merged, r->dir);
    set_hostname(r->merged, r->hostname);
    if (strcmp(r->network, "host") != 0) {
        loopback_up();
    }
    enter_root(r->merged);
    mask_kernel_files();
    exec_confined(r);
}

/* The command in its own session, chrooted; its working directory is inside the root before any lookup. */
static void become_chrooted_command(const struct request *r) {
    if (setsid() < 0) {
        fail("setsid");
    }
    if (chroot(r->merged) != 0) {
        fail("chroot %s", r->merged);
    }
    if (chdir("/") != 0) {
        fail("chdir /");
    }
    exec_confined(r);
}

/*
 * The parent-death signal is set only after we started: a jbuild killed in between would leave us
 * running. Java names itself in JBUILD_SANDBOX_PARENT; another parent now means it is gone.
 */
void die_with(pid_t parent, int signal) {
    if (prctl(PR_SET_PDEATHSIG, signal) != 0) {
        fail("prctl");
    }
    if (parent > 0 && getppid() != parent) {
        _exit(SETUP_FAILED);
    }
}

static pid_t command_pid;
static volatile sig_atomic_t orphaned;

/* Ctrl-C and stop signals are the command's to take; SIGHUP (also our parent's death) ends everything. */
static void on_signal(int sig) {
    if (sig == SIGHUP) {
        orphaned = 1;
    } else if (command_pid > 0) {
        kill(-command_pid, sig);
    }
}

/*
 * SIGKILL to every process whose parent is this one (orphans of the command come to us: subreaper).
 * /proc may belong to another PID namespace than ours (a pod that did not mount its own): our pid is
 * read from it, and the signal goes through a descriptor of the /proc entry, which names the process
 * whatever namespace it was counted in.
 */
static void kill_children(void) {
    char self[32];
    ssize_t n = readlink("/proc/self", self, sizeof self - 1);
    DIR *proc = opendir("/proc");
    if (n <= 0 || proc == NULL) {
        fail("cannot list the command's processes in /proc");
    }
    self[n] = '\0';
    struct dirent *e;
    while ((e = readdir(proc)) != NULL) {
        if (!isdigit((unsigned char) e->d_name[0])) {
            continue;
        }
        int dir = openat(dirfd(proc), e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        int stat = dir < 0 ? -1 : openat(dir, "stat", O_RDONLY | O_CLOEXEC);
        char line[512];
        ssize_t len = stat < 0 ? 0 : read(stat, line, sizeof line - 1);
        line[len > 0 ? len : 0] = '\0';
        char *after = strrchr(line, ')'); /* the command name in parentheses may hold anything */
        char parent[32];
        if (after != NULL && sscanf(after + 2, "%*c %31s", parent) == 1 && strcmp(parent, self) == 0
            && syscall(SYS_pidfd_send_signal, dir, SIGKILL, NULL, 0) != 0 && errno == ENOSYS) {
            kill(atoi(e->d_name), SIGKILL); /* before Linux 5.3: one PID namespace is all there is */
        }
        if (stat >= 0) {
            close(stat);
        }
        if (dir >= 0) {
            close(dir);
        }
    }
    closedir(proc);
}

/* Until no child is left: each one killed, its own children handed to us and killed in the next round. */
static void kill_and_reap_all(void) {
    for (;;) {
        kill_children();
        if (waitpid(-1, NULL, 0) < 0 && errno == ECHILD) {
            return;
        }
    }
}

static int run_chrooted(struct request *r, pid_t parent) {
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) {
        fail("subreaper");
    }
    prctl(PR_SET_DUMPABLE, 0); /* outside the root and of the command's uid: not to be traced or read through /proc */
    struct sigaction forward = {.sa_handler = on_signal};
    sigemptyset(&forward.sa_mask);
    sigaction(SIGHUP, &forward, NULL);
    sigaction(SIGINT, &forward, NULL);
    sigaction(SIGTERM, &forward, NULL);
    die_with(parent, SIGHUP);
    int sockets[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sockets) != 0) {
        fail("socketpair");
    }
    command_pid = fork();
    if (command_pid < 0) {
        fail("fork");
    }
    if (command_pid == 0) {
        close(sockets[0]);
        r->kernel_files = sockets[1];
        signal(SIGHUP, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        prctl(PR_SET_DUMPABLE, 1);
        become_chrooted_command(r);
    }
    close(sockets[1]);
    int listener = kernel_files_receive(sockets[0]);
    if (listener >= 0) {
        kernel_files_serve(listener, r->merged);
    }
    int status = 0;
    while (!orphaned && waitpid(command_pid, &status, 0) < 0) {
        if (errno != EINTR) {
            fail("wait");
        }
    }
    kill_and_reap_all();
    if (orphaned) {
        return SETUP_FAILED;
    }
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

static int run_namespaced(const struct request *r, pid_t parent) {
    die_with(parent, SIGKILL);
    int namespaces = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC;
    int private = network_is_private(r->network);
    struct slirp slirp;
    if (private) {
        network_prepare(&slirp, r->dir);
    }
    if (strcmp(r->network, "host") != 0 && !network_join(r->network)) {
        namespaces |= CLONE_NEWNET;
    }
    if (unshare(namespaces) != 0) {
        fail("cannot make the container's namespaces");
    }
    if (private) {
        network_start(&slirp, r->network);
    }
    /* Ctrl-C and stop signals are the command's to take: this process only waits for it. */
    sigset_t waiting, before;
    sigemptyset(&waiting);
    sigaddset(&waiting, SIGINT);
    sigaddset(&waiting, SIGTERM);
    sigprocmask(SIG_BLOCK, &waiting, &before);
    /* The child's end of this pipe reads EOF once we are gone: how PID 1, whose parent is outside its namespace, can tell. */
    int alive[2];
    if (pipe2(alive, O_CLOEXEC) != 0) {
        fail("pipe");
    }
    pid_t child = fork();
    if (child < 0) {
        fail("fork");
    }
    if (child == 0) {
        sigprocmask(SIG_SETMASK, &before, NULL);
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
            fail("prctl");
        }
        close(alive[1]);
        struct pollfd gone = {.fd = alive[0], .events = POLLIN};
        if (poll(&gone, 1, 0) != 0) {
            _exit(SETUP_FAILED); /* we died before the signal was set */
        }
        become_command(r);
    }
    close(alive[0]);
    int status;
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            fail("wait");
        }
    }
    if (private) {
        network_stop(&slirp);
    }
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        signal(sig, SIG_DFL);
        sigprocmask(SIG_SETMASK, &before, NULL);
        kill(getpid(), sig);
        return 128 + sig;
    }
    return WEXITSTATUS(status);
}

int main(int argc, char **argv) {
    const char *parent = getenv("JBUILD_SANDBOX_PARENT");
    pid_t expected = parent == NULL ? 0 : (pid_t) atol(parent);
    if (argc == 3 && strcmp(argv[1], "network") == 0) {
        return hold_network(argv[2], expected);
    }
    if (argc < FIXED_ARGS + 1) {
        fprintf(stderr, "usage: jbuild-sandbox namespaces|chroot MERGED DIR HOSTNAME NETWORK WORKDIR IDS default|unconfined"
                        " NENV ENV... ARGV...\n");
        return 2;
    }
    int nenv = atoi(argv[FIXED_ARGS - 1]);
    if (nenv < 0 || FIXED_ARGS + nenv >= argc) {
        fprintf(stderr, "jbuild-sandbox: %s environment entries and no command\n", argv[FIXED_ARGS - 1]);
        return 2;
    }
    struct request r = {
        .isolation = strcmp(argv[1], "chroot") == 0 ? CHROOT : NAMESPACES,
        .merged = argv[2], .dir = argv[3], .hostname = argv[4], .network = argv[5], .workdir = argv[6], .ids = argv[7],
        .seccomp = strcmp(argv[8], "unconfined") != 0,
        .command = argv + FIXED_ARGS + nenv,
    };
    r.env = calloc(nenv + 1, sizeof *r.env);
    if (r.env == NULL) {
        fail("environment");
    }
    memcpy(r.env, argv + FIXED_ARGS, nenv * sizeof *r.env);
    return r.isolation == CHROOT ? run_chrooted(&r, expected) : run_namespaced(&r, expected);
}
