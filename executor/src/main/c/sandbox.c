/*
 * jbuild-sandbox: starts a container's command in new PID, mount, UTS and IPC (and, for --network none,
 * network) namespaces, as PID 1 of them. One process where util-linux needed eight (setpriv, unshare,
 * sh, mount, hostname, env, unshare again): ~30 ms of every run and RUN step on a small machine.
 *
 *   jbuild-sandbox MERGED DIR HOSTNAME NETWORK WORKDIR IDS NENV ENV... ARGV...
 *
 * MERGED is the container's root (its overlay already mounted), DIR the container's directory with the
 * fstab Java wrote (SandboxMounts: /proc, /dev, /sys, the /etc files, volumes, in order), NETWORK "none"
 * or "host", IDS "UID:GID" to switch to or "keep", then NENV environment entries and the command.
 *
 * It dies with whoever started it (jbuild): SIGKILL when its parent goes, passed on to PID 1, whose end
 * takes the whole PID namespace along. Its exit status is the command's; a signal that killed the
 * command kills it too. Setup failures exit 125 with one line on stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <mntent.h>
#include <net/if.h>
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
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <grp.h>
#include <unistd.h>

#define SETUP_FAILED 125

static void fail(const char *format, ...) {
    va_list args;
    va_start(args, format);
    fputs("jbuild-sandbox: ", stderr);
    vfprintf(stderr, format, args);
    fprintf(stderr, ": %s\n", strerror(errno));
    va_end(args);
    _exit(SETUP_FAILED);
}

/* The mount(8) flag words jbuild's fstab uses; any other word is passed to the file system as data. */
struct flag {
    const char *word;
    unsigned long value;
};

static const struct flag FLAGS[] = {
    {"bind", MS_BIND}, {"rbind", MS_BIND | MS_REC}, {"ro", MS_RDONLY},
    {"nosuid", MS_NOSUID}, {"nodev", MS_NODEV}, {"noexec", MS_NOEXEC},
};

static unsigned long flags_of(char *options, char *data, size_t size) {
    unsigned long flags = 0;
    data[0] = '\0';
    for (char *word = strtok(options, ","); word != NULL; word = strtok(NULL, ",")) {
        size_t i = 0;
        while (i < sizeof FLAGS / sizeof FLAGS[0] && strcmp(word, FLAGS[i].word) != 0) {
            i++;
        }
        if (i < sizeof FLAGS / sizeof FLAGS[0]) {
            flags |= FLAGS[i].value;
        } else if (strlen(data) + strlen(word) + 2 <= size) {
            strcat(strcat(data, data[0] ? "," : ""), word);
        }
    }
    return flags;
}

/*
 * A bind mount takes per-mount flags only from a remount, which must also keep the flags the bound
 * mount already has: in a user namespace the kernel refuses to clear those it locked.
 */
static void remount_bind(const char *target, unsigned long flags) {
    struct statvfs st;
    if (statvfs(target, &st) != 0) {
        fail("statvfs %s", target);
    }
    static const unsigned long KEPT[][2] = {
        {ST_RDONLY, MS_RDONLY}, {ST_NOSUID, MS_NOSUID}, {ST_NODEV, MS_NODEV}, {ST_NOEXEC, MS_NOEXEC},
        {ST_NOATIME, MS_NOATIME}, {ST_NODIRATIME, MS_NODIRATIME}, {ST_RELATIME, MS_RELATIME},
    };
    for (size_t i = 0; i < sizeof KEPT / sizeof KEPT[0]; i++) {
        if (st.f_flag & KEPT[i][0]) {
            flags |= KEPT[i][1];
        }
    }
    if (mount(NULL, target, NULL, MS_REMOUNT | MS_BIND | flags, NULL) != 0) {
        fail("remount %s", target);
    }
}

static void mount_all(const char *dir) {
    char fstab[4096];
    snprintf(fstab, sizeof fstab, "%s/fstab", dir);
    FILE *table = setmntent(fstab, "r");
    if (table == NULL) {
        fail("%s", fstab);
    }
    struct mntent *m;
    while ((m = getmntent(table)) != NULL) { /* getmntent undoes fstab's octal escapes */
        char data[1024];
        unsigned long flags = flags_of(m->mnt_opts, data, sizeof data);
        unsigned long per_mount = flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
        if (flags & MS_BIND) {
            if (mount(m->mnt_fsname, m->mnt_dir, NULL, flags & (MS_BIND | MS_REC), NULL) != 0) {
                fail("bind %s on %s", m->mnt_fsname, m->mnt_dir);
            }
            if (per_mount) {
                remount_bind(m->mnt_dir, per_mount);
            }
        } else if (mount(m->mnt_fsname, m->mnt_dir, m->mnt_type, flags, data[0] ? data : NULL) != 0) {
            fail("mount %s on %s", m->mnt_type, m->mnt_dir);
        }
    }
    endmntent(table);
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

/* PID 1 of the new namespaces: the mounts, the host name, then the command in its root, as its user. */
static void become_command(char **argv, int nenv) {
    const char *merged = argv[1], *dir = argv[2], *hostname = argv[3], *network = argv[4], *workdir = argv[5];
    const char *ids = argv[6];
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
        fail("prctl");
    }
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        fail("make mounts private");
    }
    mount_all(dir);
    set_hostname(merged, hostname);
    if (strcmp(network, "none") == 0) {
        loopback_up();
    }
    if (chroot(merged) != 0) {
        fail("chroot %s", merged);
    }
    /* The working directory so far is outside the new root: leave it before any relative lookup. */
    if (chdir("/") != 0) {
        fail("chdir /");
    }
    if (chdir(workdir) != 0) {
        fail("cannot change directory to %s", workdir);
    }
    unsigned long uid, gid;
    if (strcmp(ids, "keep") != 0) {
        if (sscanf(ids, "%lu:%lu", &uid, &gid) != 2) {
            errno = EINVAL;
            fail("ids %s", ids);
        }
        if (setgroups(0, NULL) != 0 || setgid(gid) != 0 || setuid(uid) != 0) {
            fail("cannot switch to user %lu and group %lu", uid, gid);
        }
    }
    char **env = calloc(nenv + 1, sizeof *env);
    if (env == NULL) {
        fail("environment");
    }
    memcpy(env, argv + 8, nenv * sizeof *env);
    environ = env; /* execvp looks the command up on the container's PATH, in its root */
    char **command = argv + 8 + nenv;
    execvp(command[0], command);
    int code = errno == ENOENT ? 127 : 126;
    fprintf(stderr, "jbuild-sandbox: cannot run %s: %s\n", command[0], strerror(errno));
    _exit(code);
}

int main(int argc, char **argv) {
    if (argc < 9) {
        fprintf(stderr, "usage: jbuild-sandbox MERGED DIR HOSTNAME NETWORK WORKDIR IDS NENV ENV... ARGV...\n");
        return 2;
    }
    int nenv = atoi(argv[7]);
    if (nenv < 0 || 8 + nenv >= argc) {
        fprintf(stderr, "jbuild-sandbox: %s environment entries and no command\n", argv[7]);
        return 2;
    }
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
        fail("prctl");
    }
    int namespaces = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC;
    if (strcmp(argv[4], "none") == 0) {
        namespaces |= CLONE_NEWNET;
    }
    if (unshare(namespaces) != 0) {
        fail("cannot make the container's namespaces");
    }
    /* Ctrl-C and stop signals are the command's to take: this process only waits for it. */
    sigset_t waiting, before;
    sigemptyset(&waiting);
    sigaddset(&waiting, SIGINT);
    sigaddset(&waiting, SIGTERM);
    sigprocmask(SIG_BLOCK, &waiting, &before);
    pid_t child = fork();
    if (child < 0) {
        fail("fork");
    }
    if (child == 0) {
        sigprocmask(SIG_SETMASK, &before, NULL);
        become_command(argv, nenv);
    }
    int status;
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            fail("wait");
        }
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
