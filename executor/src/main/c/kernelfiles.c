/*
 * The kernel's files under chroot isolation, where a step may not mount /proc, /sys or /dev (a pod without
 * privileges). The command's open, stat, access and readlink calls stop at a seccomp user notification;
 * this process, outside the root, answers those that name /proc, /sys or a usual /dev node from its own
 * view of them and lets every other call go on in the root as it was. What the command gets is what a
 * PID namespace would show it:
 *  - /proc/PID only for the processes of this sandbox (self and thread-self are the caller's); ps sees them alone;
 *  - files and devices come as descriptors opened here with the caller's file system ids and put into the
 *    caller (SECCOMP_IOCTL_NOTIF_ADDFD); /sys is read-only, /proc writable only in the caller's own entries;
 *  - no descriptor of a /proc or /sys directory ever reaches the command: a relative open from one could
 *    go through a magic link (/proc/1/root) out of the root. A directory comes as a listing of its names
 *    made in the root's own /proc (which no layer keeps); magic links are followed only as a last component
 *    and only for the sandbox's processes, whose links lead into the root or to their own descriptors;
 *  - links read (exe, cwd, fd/N) name paths inside the root;
 *  - mountinfo and mounts list the root, /proc and /sys (procfs itself lists none under a chroot).
 * Paths are resolved from this process's descriptors of /proc, /sys and /dev with RESOLVE_BENEATH and
 * RESOLVE_NO_MAGICLINKS, so that no path the command writes leads elsewhere.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "sandbox.h"

#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS /* Linux 6.6; older headers lack it */
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

enum kind { OPEN, STAT, STATX, ACCESS, READLINK };

/* The calls that take a path, and where their arguments are (-1: no directory descriptor). */
static const struct call {
    const char *name;
    enum kind kind;
    int dirfd, path, flags, out, size;
    int nofollow; /* lstat, readlink: the last link is not followed */
} CALLS[] = {
    {"open", OPEN, -1, 0, 1, -1, -1, 0},     {"openat", OPEN, 0, 1, 2, -1, -1, 0},
    {"stat", STAT, -1, 0, -1, 1, -1, 0},     {"lstat", STAT, -1, 0, -1, 1, -1, 1},
    {"newfstatat", STAT, 0, 1, 3, 2, -1, 0}, {"statx", STATX, 0, 1, 2, 4, 3, 0},
    {"access", ACCESS, -1, 0, -1, -1, -1, 0}, {"faccessat", ACCESS, 0, 1, -1, -1, -1, 0},
    {"faccessat2", ACCESS, 0, 1, 3, -1, -1, 0}, {"readlink", READLINK, -1, 0, -1, 1, 2, 1},
    {"readlinkat", READLINK, 0, 1, -1, 2, 3, 1},
};
#define CALL_COUNT (sizeof CALLS / sizeof CALLS[0])
static int numbers[CALL_COUNT];

/* The bridge's state: its descriptors and the root, fixed when it starts. */
static struct {
    int listener, proc, sys, dev, listings;
    pid_t self;
    char root[PATH_MAX];
    size_t root_len;
    dev_t root_dev;
    unsigned long next_listing;
} bridge;

/* Where a bridged path leads: a base descriptor and a path under it. */
struct target {
    int base;
    char rel[PATH_MAX];
    int follow_last; /* a magic link of the sandbox's own, followed as the last component */
    int writable;
    char link_text[64]; /* /proc/self or thread-self not followed: what the caller reads in it */
};

static int kernel_files_listen(void);

/* The command's side: the filter loaded, its listener sent to the bridge over SOCKET (nothing sent: no bridge). */
void kernel_files_hand_over(int socket) {
    int fd = kernel_files_listen();
    char byte = 0;
    struct iovec iov = {&byte, 1};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
    if (fd >= 0) {
        msg.msg_control = control.buf;
        msg.msg_controllen = sizeof control.buf;
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &fd, sizeof fd);
    }
    if (sendmsg(socket, &msg, MSG_NOSIGNAL) < 0) {
        fail("cannot hand over the notifications for /proc");
    }
    if (fd >= 0) {
        close(fd);
    }
    close(socket);
}

/* The bridge's side: the listener the command handed over, or -1 (it had none, or failed before). */
int kernel_files_receive(int socket) {
    char byte;
    struct iovec iov = {&byte, 1};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf, .msg_controllen = sizeof control.buf};
    ssize_t n;
    do {
        n = recvmsg(socket, &msg, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    close(socket);
    struct cmsghdr *c = n > 0 ? CMSG_FIRSTHDR(&msg) : NULL;
    int fd = -1;
    if (c != NULL && c->cmsg_type == SCM_RIGHTS) {
        memcpy(&fd, CMSG_DATA(c), sizeof fd);
    }
    return fd;
}

/* SECCOMP_IOCTL_NOTIF_ADDFD came with Linux 5.9 (and SECCOMP_USER_NOTIF_FLAG_CONTINUE with 5.5). */
static int kernel_answers_with_descriptors(void) {
    struct utsname u;
    int major = 0, minor = 0;
    return uname(&u) == 0 && sscanf(u.release, "%d.%d", &major, &minor) == 2 && (major > 5 || (major == 5 && minor >= 9));
}

static int kernel_files_listen(void) {
    if (!kernel_answers_with_descriptors()) {
        return -1; /* older kernels: no /proc in the step, as before, rather than calls that could not be answered */
    }
    scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
    if (filter == NULL || seccomp_attr_set(filter, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ALLOW) != 0) {
        return -1; /* another ABI's calls (i386 on x86_64) go on in the root: no /proc for them, as before */
    }
    for (size_t i = 0; i < CALL_COUNT; i++) {
        int nr = seccomp_syscall_resolve_name(CALLS[i].name);
        /*
         * A call relative to a directory descriptor (find, du, tar, rm -r walk so) cannot name /proc, since no
         * /proc directory is ever handed over, and goes on without stopping; only AT_FDCWD's (an int: its low
         * 32 bits) stop. An absolute path given with a real descriptor then finds the root's empty /proc.
         */
        struct scmp_arg_cmp cwd = {.arg = (unsigned) CALLS[i].dirfd, .op = SCMP_CMP_MASKED_EQ, .datum_a = 0xffffffffu,
                                   .datum_b = (uint32_t) AT_FDCWD};
        if (nr != __NR_SCMP_ERROR && seccomp_rule_add_array(filter, SCMP_ACT_NOTIFY, nr, CALLS[i].dirfd >= 0, &cwd) != 0) {
            seccomp_release(filter);
            return -1;
        }
    }
    int fd = seccomp_load(filter) == 0 ? seccomp_notify_fd(filter) : -1;
    seccomp_release(filter);
    return fd;
}

/* A line "Key:\tv1\tv2..." of /proc/PID/status, the FIELDth value. */
static long status_field(pid_t pid, const char *key, int field) {
    char path[64], buf[4096];
    snprintf(path, sizeof path, "%d/status", pid);
    int fd = openat(bridge.proc, path, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    if (fd >= 0) {
        close(fd);
    }
    if (n <= 0) {
        return -1;
    }
    buf[n] = '\0';
    size_t key_len = strlen(key);
    for (char *line = buf; line != NULL && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, key, key_len) == 0 && line[key_len] == ':') {
            char *p = line + key_len + 1;
            long value = -1;
            for (int i = 0; i <= field; i++) {
                value = strtol(p, &p, 10);
            }
            return value;
        }
    }
    return -1;
}

struct ids {
    uid_t uid;
    gid_t gid;
};

static void restore(struct ids ids) {
    setfsuid(ids.uid);
    setfsgid(ids.gid);
}

/* Bridged calls run with the caller's file system ids: it gets no more than a mounted /proc would give it. */
static struct ids as_caller(pid_t tid) {
    long uid = status_field(tid, "Uid", 3), gid = status_field(tid, "Gid", 3);
    struct ids was = {(uid_t) setfsuid((uid_t) -1), (gid_t) setfsgid((gid_t) -1)};
    setfsgid((gid_t) (gid < 0 ? 65534 : gid));
    setfsuid((uid_t) (uid < 0 ? 65534 : uid));
    return was;
}

/* Ours again, for what the bridge itself writes. */
static struct ids as_bridge(void) {
    struct ids was = {(uid_t) setfsuid((uid_t) -1), (gid_t) setfsgid((gid_t) -1)};
    setfsuid(geteuid());
    setfsgid(getegid());
    return was;
}

/* The call's path from the caller's memory: process_vm_readv as the same user, else its mem file under its ids. */
static int read_memory(pid_t tid, unsigned long addr, void *out, size_t len) {
    struct iovec local = {out, len}, remote = {(void *) addr, len};
    ssize_t n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
    if (n >= 0) {
        return (int) n;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", tid);
    struct ids was = as_caller(tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    n = fd < 0 ? -1 : pread(fd, out, len, (off_t) addr);
    if (fd >= 0) {
        close(fd);
    }
    restore(was);
    return (int) n;
}

static int write_memory(pid_t tid, unsigned long addr, const void *data, size_t len) {
    struct iovec local = {(void *) data, len}, remote = {(void *) addr, len};
    if (process_vm_writev(tid, &local, 1, &remote, 1, 0) == (ssize_t) len) {
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", tid);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    ssize_t n = fd < 0 ? -1 : pwrite(fd, data, len, (off_t) addr);
    if (fd >= 0) {
        close(fd);
    }
    return n == (ssize_t) len ? 0 : -1;
}

/* A string up to its NUL, read page by page (the next page may not be mapped). */
static int read_path(pid_t tid, unsigned long addr, char *out, size_t cap) {
    size_t have = 0;
    while (have < cap) {
        size_t chunk = 4096 - ((addr + have) & 4095);
        if (chunk > cap - have) {
            chunk = cap - have;
        }
        int n = read_memory(tid, addr + have, out + have, chunk);
        if (n <= 0) {
            return -1;
        }
        if (memchr(out + have, '\0', (size_t) n) != NULL) {
            return 0;
        }
        have += (size_t) n;
    }
    return -1;
}

/* Whether PID is one of the command's processes: this process is among its ancestors. */
static int in_sandbox(pid_t pid) {
    for (int depth = 0; depth < 256 && pid > 1; depth++) {
        pid = (pid_t) status_field(pid, "PPid", 0);
        if (pid == bridge.self) {
            return 1;
        }
    }
    return 0;
}

static int numeric(const char *s) {
    if (!*s) {
        return 0;
    }
    for (; *s; s++) {
        if (!isdigit((unsigned char) *s)) {
            return 0;
        }
    }
    return 1;
}

/* The path's components, "." and ".." taken out as the kernel would take them for a path without links. */
static int components(const char *path, char parts[][NAME_MAX + 1], int max) {
    int n = 0;
    char copy[PATH_MAX];
    snprintf(copy, sizeof copy, "%s", path);
    for (char *save = NULL, *c = strtok_r(copy, "/", &save); c != NULL; c = strtok_r(NULL, "/", &save)) {
        if (strcmp(c, ".") == 0) {
            continue;
        }
        if (strcmp(c, "..") == 0) {
            n = n > 0 ? n - 1 : 0;
        } else if (n < max && strlen(c) <= NAME_MAX) {
            strcpy(parts[n++], c);
        } else {
            return -1;
        }
    }
    return n;
}

static void join(struct target *t, char parts[][NAME_MAX + 1], int from, int to) {
    t->rel[0] = '\0';
    for (int i = from; i < to; i++) {
        if (t->rel[0]) {
            strncat(t->rel, "/", sizeof t->rel - strlen(t->rel) - 1);
        }
        strncat(t->rel, parts[i], sizeof t->rel - strlen(t->rel) - 1);
    }
    if (!t->rel[0]) {
        strcpy(t->rel, ".");
    }
}

/* A process's magic links (exe, cwd, root, fd/N), as components after its /proc/PID. */
static int magic_link(char parts[][NAME_MAX + 1], int from, int n) {
    if (n - from == 1) {
        return strcmp(parts[from], "exe") == 0 || strcmp(parts[from], "cwd") == 0 || strcmp(parts[from], "root") == 0;
    }
    return n - from == 2 && strcmp(parts[from], "fd") == 0 && numeric(parts[from + 1]);
}

/*
 * 1: PATH is bridged, *t says where; 0: not ours, the call goes on in the root; <0: fails with that errno.
 * /proc/self and thread-self become the caller's entries; another process's only if it is the sandbox's.
 * NOFOLLOW: the last component, if a link, is the link itself (lstat, readlink): /dev/fd, /dev/stdin and
 * /proc/mounts are then the root's or procfs's links, not what they lead to.
 */
static int map_path(pid_t tid, const char *path, int nofollow, struct target *t) {
    static const char *DEVICES[] = {"null", "zero", "full", "random", "urandom", "tty"}; /* ContainerDev's */
    char parts[64][NAME_MAX + 1];
    if (path[0] != '/') {
        return 0;
    }
    int n = components(path, parts, 64);
    if (n < 1) {
        return n < 0 ? -ENAMETOOLONG : 0;
    }
    memset(t, 0, sizeof *t);
    if (strcmp(parts[0], "sys") == 0) {
        t->base = bridge.sys;
        join(t, parts, 1, n);
        return 1;
    }
    if (strcmp(parts[0], "dev") == 0 && n == 2) {
        for (size_t i = 0; i < sizeof DEVICES / sizeof DEVICES[0]; i++) {
            if (strcmp(parts[1], DEVICES[i]) == 0) {
                t->base = bridge.dev;
                t->writable = 1;
                join(t, parts, 1, n);
                return 1;
            }
        }
        static const char *STDIO[] = {"stdin", "stdout", "stderr"};
        for (int fd = 0; fd < 3; fd++) {
            if (strcmp(parts[1], STDIO[fd]) == 0) {
                char own[64];
                snprintf(own, sizeof own, "/proc/self/fd/%d", fd);
                return nofollow ? 0 : map_path(tid, own, 0, t);
            }
        }
    }
    if (strcmp(parts[0], "dev") == 0 && n >= 2 && n <= 3 && strcmp(parts[1], "fd") == 0 && (n == 3 || !nofollow)) {
        char own[NAME_MAX + 16]; /* through the link to /proc/self/fd */
        snprintf(own, sizeof own, "/proc/self/fd/%s", n == 3 ? parts[2] : "");
        return map_path(tid, own, nofollow, t);
    }
    if (strcmp(parts[0], "proc") != 0) {
        return 0;
    }
    t->base = bridge.proc;
    if (n >= 2 && (strcmp(parts[1], "mounts") == 0 || strcmp(parts[1], "net") == 0) && n < 64 && (n > 2 || !nofollow)) {
        memmove(parts + 2, parts + 1, (size_t) (n - 1) * sizeof parts[0]); /* links to self/...: the caller's, not ours */
        strcpy(parts[1], "self");
        n++;
    }
    if (n >= 2 && (strcmp(parts[1], "self") == 0 || strcmp(parts[1], "thread-self") == 0)) {
        long tgid = status_field(tid, "Tgid", 0);
        if (tgid <= 0) {
            return -ENOENT;
        }
        if (n == 2 && nofollow) { /* the link itself; procfs's own says our pid, the caller reads its own */
            snprintf(t->link_text, sizeof t->link_text, strcmp(parts[1], "self") == 0 ? "%ld" : "%ld/task/%d", tgid, tid);
            join(t, parts, 1, n);
            return 1;
        }
        if (strcmp(parts[1], "self") == 0) {
            snprintf(parts[1], NAME_MAX, "%ld", tgid);
        } else if (n + 2 > 64) {
            return -ENAMETOOLONG; /* never left as thread-self: that would be ours */
        } else {
            memmove(parts + 4, parts + 2, (size_t) (n - 2) * sizeof parts[0]);
            snprintf(parts[1], NAME_MAX, "%ld", tgid);
            strcpy(parts[2], "task");
            snprintf(parts[3], NAME_MAX, "%d", tid);
            n += 2;
        }
        t->writable = 1;
    } else if (n >= 2 && numeric(parts[1])) {
        if (!in_sandbox((pid_t) atol(parts[1]))) {
            return -ENOENT;
        }
        t->writable = 1;
    }
    if (n >= 2 && numeric(parts[1])) {
        int at = n >= 4 && strcmp(parts[2], "task") == 0 && numeric(parts[3]) ? 4 : 2;
        t->follow_last = magic_link(parts, at, n);
    }
    join(t, parts, 1, n);
    return 1;
}

/* A descriptor of the target: its parent resolved beneath the base without magic links, then the last component. */
static int open_target(const struct target *t, int flags, mode_t mode) {
    if (!t->follow_last) {
        struct open_how how = {.flags = (unsigned long long) (flags | O_CLOEXEC), .mode = mode,
                               .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS};
        if (!(flags & O_CREAT) && (flags & O_TMPFILE) != O_TMPFILE) {
            how.mode = 0;
        }
        int fd = (int) syscall(SYS_openat2, t->base, t->rel, &how, sizeof how);
        return fd < 0 ? -errno : fd;
    }
    char parent[PATH_MAX];
    snprintf(parent, sizeof parent, "%s", t->rel);
    char *last = strrchr(parent, '/');
    *last = '\0';
    struct open_how how = {.flags = O_PATH | O_DIRECTORY | O_CLOEXEC, .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS};
    int dir = (int) syscall(SYS_openat2, t->base, parent, &how, sizeof how);
    if (dir < 0) {
        return -errno;
    }
    int fd = openat(dir, last + 1, flags | O_CLOEXEC, mode);
    int error = errno;
    close(dir);
    return fd < 0 ? -error : fd;
}

/* A host path as the command sees it: inside the root, without the root's own path. */
static void as_seen_inside(char *link) {
    if (strncmp(link, bridge.root, bridge.root_len) == 0 && (link[bridge.root_len] == '/' || !link[bridge.root_len])) {
        memmove(link, link + bridge.root_len, strlen(link + bridge.root_len) + 1);
        if (!link[0]) {
            strcpy(link, "/");
        }
    }
}

static int on_kernel_files(int fd) {
    struct statfs fs;
    return fstatfs(fd, &fs) == 0 && (fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC);
}

/*
 * A directory of /proc or /sys as the command may have it: a directory of the root's /proc holding its
 * names (links with their targets as seen inside), of /proc's processes only the sandbox's.
 */
static int listing_of(int dir) {
    char name[64];
    snprintf(name, sizeof name, ".listing-%lu", bridge.next_listing++);
    struct ids was = as_bridge();
    int out = bridge.listings < 0 || mkdirat(bridge.listings, name, 0755) != 0
                  ? -1
                  : openat(bridge.listings, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = out < 0 ? NULL : fdopendir(dup(dir));
    if (d == NULL) {
        restore(was);
        if (out >= 0) {
            close(out);
        }
        return -EACCES;
    }
    int is_proc_root = 0;
    struct stat here, top;
    if (fstat(dir, &here) == 0 && fstat(bridge.proc, &top) == 0) {
        is_proc_root = here.st_dev == top.st_dev && here.st_ino == top.st_ino;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0
            || (is_proc_root && numeric(e->d_name) && !in_sandbox((pid_t) atol(e->d_name)))) {
            continue;
        }
        if (e->d_type == DT_DIR) {
            mkdirat(out, e->d_name, 0555);
        } else if (e->d_type == DT_LNK) {
            char link[PATH_MAX];
            ssize_t len = readlinkat(dir, e->d_name, link, sizeof link - 1);
            link[len > 0 ? len : 0] = '\0';
            as_seen_inside(link);
            symlinkat(link, out, e->d_name);
        } else {
            int f = openat(out, e->d_name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0444);
            if (f >= 0) {
                close(f);
            }
        }
    }
    closedir(d);
    restore(was);
    return out;
}

static void respond(__u64 id, __s64 val, int error, int go_on) {
    struct seccomp_notif_resp resp = {.id = id, .val = val, .error = error,
                                      .flags = go_on ? SECCOMP_USER_NOTIF_FLAG_CONTINUE : 0};
    ioctl(bridge.listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
}

/* An open answered with a descriptor put into the caller (and closed here). */
static void answer_open(__u64 id, int fd, int cloexec) {
    struct seccomp_notif_addfd add = {.id = id, .flags = SECCOMP_ADDFD_FLAG_SEND, .srcfd = (__u32) fd,
                                      .newfd_flags = cloexec ? O_CLOEXEC : 0};
    if (ioctl(bridge.listener, SECCOMP_IOCTL_NOTIF_ADDFD, &add) < 0 && errno != ENOENT) { /* ENOENT: the caller is gone */
        add.flags = 0; /* before Linux 5.14: put in, then answered with its number */
        int added = ioctl(bridge.listener, SECCOMP_IOCTL_NOTIF_ADDFD, &add);
        respond(id, added, added < 0 ? -errno : 0, 0);
    }
    close(fd);
}

static int is_write(int flags) {
    return (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)) || (flags & O_TMPFILE) == O_TMPFILE;
}

/*
 * A process's mountinfo or mounts (REL is "PID/name" or "PID/task/TID/name"), or NULL for any other file.
 * procfs shows a chrooted process no mount, none being under its root; Debian's JDK refuses to install
 * when `mountpoint /proc` says no. The step is told what it has: its root, /proc and /sys, with the device
 * numbers stat gives it.
 */
static const char *mount_table(const char *rel) {
    const char *name = strrchr(rel, '/');
    if (name == NULL || (strcmp(name, "/mountinfo") != 0 && strcmp(name, "/mounts") != 0)) {
        return NULL;
    }
    char pid_dir[PATH_MAX];
    snprintf(pid_dir, sizeof pid_dir, "%.*s", (int) (name - rel), rel);
    char *task = strstr(pid_dir, "/task/");
    if (task != NULL) {
        *task = '\0';
        if (!numeric(task + 6)) {
            return NULL;
        }
    }
    return numeric(pid_dir) ? name + 1 : NULL;
}

/* The table as a descriptor of a sealed memory file, read-only. */
static int mount_table_file(const char *name) {
    struct stat proc, sys;
    if (fstat(bridge.proc, &proc) != 0 || fstat(bridge.sys, &sys) != 0) {
        return -errno;
    }
    char text[1024];
    if (strcmp(name, "mountinfo") == 0) {
        snprintf(text, sizeof text,
                 "1 0 %u:%u / / rw,relatime - rootfs rootfs rw\n"
                 "2 1 %u:%u / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw\n"
                 "3 1 %u:%u / /sys ro,nosuid,nodev,noexec,relatime - sysfs sysfs ro\n",
                 major(bridge.root_dev), minor(bridge.root_dev), major(proc.st_dev), minor(proc.st_dev), major(sys.st_dev),
                 minor(sys.st_dev));
    } else {
        snprintf(text, sizeof text, "rootfs / rootfs rw,relatime 0 0\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"
                                    "sysfs /sys sysfs ro,nosuid,nodev,noexec,relatime 0 0\n");
    }
    int fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
    size_t len = strlen(text);
    if (fd < 0 || write(fd, text, len) != (ssize_t) len || lseek(fd, 0, SEEK_SET) != 0
        || fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
        int error = errno;
        if (fd >= 0) {
            close(fd);
        }
        return -error;
    }
    return fd;
}

/* lstat, readlink, O_NOFOLLOW, AT_SYMLINK_NOFOLLOW: the call is about the last link itself. */
static int last_not_followed(const struct call *call, const __u64 *a) {
    if (call->nofollow) {
        return 1;
    }
    if (call->kind == OPEN) {
        return ((int) a[call->flags] & O_NOFOLLOW) != 0;
    }
    return call->kind != ACCESS && call->dirfd >= 0 && call->flags >= 0 && ((int) a[call->flags] & AT_SYMLINK_NOFOLLOW);
}

/* The answer of one bridged call; returns -errno, or the value when no descriptor was sent. */
static long serve(const struct seccomp_notif *req, const struct call *call, const struct target *t) {
    const __u64 *a = req->data.args;
    pid_t tid = (pid_t) req->pid;
    if (call->kind == OPEN) {
        int flags = (int) a[call->flags];
        if (is_write(flags) && !t->writable) {
            return -EROFS;
        }
        const char *table = t->base == bridge.proc ? mount_table(t->rel) : NULL;
        int fd = table != NULL ? mount_table_file(table) : open_target(t, flags & ~O_CLOEXEC, (mode_t) a[call->flags + 1]);
        if (fd < 0) {
            return fd;
        }
        if (on_kernel_files(fd)) {
            struct stat st;
            if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
                int listing = listing_of(fd);
                close(fd);
                if (listing < 0) {
                    return listing;
                }
                fd = listing;
            }
        }
        answer_open(req->id, fd, flags & O_CLOEXEC);
        return 0;
    }
    int at_flags = call->dirfd >= 0 && call->flags >= 0 ? (int) a[call->flags] : 0;
    int fd = open_target(t, O_PATH | (last_not_followed(call, a) ? O_NOFOLLOW : 0), 0);
    if (fd < 0) {
        return fd;
    }
    long result = 0;
    if (call->kind == STAT) {
        struct stat st;
        result = fstat(fd, &st) != 0 ? -errno : write_memory(tid, a[call->out], &st, sizeof st) ? -EFAULT : 0;
    } else if (call->kind == STATX) {
        struct statx stx;
        result = statx(fd, "", AT_EMPTY_PATH | (at_flags & AT_STATX_SYNC_TYPE), (unsigned) a[call->size], &stx) != 0
                     ? -errno
                 : write_memory(tid, a[call->out], &stx, sizeof stx) ? -EFAULT
                                                                      : 0;
    } else if (call->kind == ACCESS) {
        int mode = (int) a[call->dirfd >= 0 ? 2 : 1];
        result = (mode & W_OK) && !t->writable ? -EROFS
                 : syscall(SYS_faccessat2, fd, "", mode, AT_EMPTY_PATH | AT_EACCESS) != 0 ? -errno
                                                                                          : 0;
    } else {
        char link[PATH_MAX];
        ssize_t len = t->link_text[0] ? (ssize_t) strlen(strcpy(link, t->link_text)) : readlinkat(fd, "", link, sizeof link - 1);
        if (len < 0) {
            result = errno == ENOENT ? -EINVAL : -errno;
        } else {
            link[len] = '\0';
            as_seen_inside(link);
            size_t size = (size_t) a[call->size], have = strlen(link);
            size_t put = have < size ? have : size;
            result = write_memory(tid, a[call->out], link, put) ? -EFAULT : (long) put;
        }
    }
    close(fd);
    return result;
}

static void *serve_all(void *unused) {
    (void) unused;
    struct seccomp_notif req;
    for (;;) {
        memset(&req, 0, sizeof req);
        if (ioctl(bridge.listener, SECCOMP_IOCTL_NOTIF_RECV, &req) != 0) {
            if (errno == EBADF || errno == EFAULT || errno == EINVAL || errno == ENOTTY) {
                return NULL; /* no listener to serve */
            }
            continue; /* EINTR, or ENOENT: the caller died before we took its call */
        }
        const struct call *call = NULL;
        for (size_t i = 0; i < CALL_COUNT; i++) {
            if (numbers[i] == req.data.nr) {
                call = &CALLS[i];
            }
        }
        char path[PATH_MAX];
        struct target t;
        pid_t tid = (pid_t) req.pid;
        int mapped = call == NULL || bridge.proc < 0 || read_path(tid, req.data.args[call->path], path, sizeof path) != 0
                         ? 0
                         : map_path(tid, path, last_not_followed(call, req.data.args), &t);
        if (mapped == 0) {
            respond(req.id, 0, 0, 1); /* goes on: the kernel reads the caller's own path again */
            continue;
        }
        if (ioctl(bridge.listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &req.id) != 0) {
            continue; /* the caller is gone: its pid may be another process's now, whose memory we read */
        }
        if (mapped < 0) {
            respond(req.id, 0, mapped, 0);
            continue;
        }
        struct ids was = as_caller(tid);
        long result = serve(&req, call, &t);
        restore(was);
        if (result < 0 || call->kind != OPEN) {
            respond(req.id, result < 0 ? 0 : result, result < 0 ? (int) result : 0, 0);
        }
    }
}

/*
 * Starts answering LISTENER's notifications on a thread of this process; ROOT is the command's root.
 * Without a /proc of this process's own PID namespace the calls just go on (no /proc, as before).
 */
void kernel_files_serve(int listener, const char *root) {
    char self[32];
    ssize_t n = readlink("/proc/self", self, sizeof self - 1);
    bridge.self = getpid();
    bridge.listener = listener;
    bridge.proc = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
    bridge.sys = open("/sys", O_PATH | O_DIRECTORY | O_CLOEXEC);
    bridge.dev = open("/dev", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (realpath(root, bridge.root) == NULL) {
        snprintf(bridge.root, sizeof bridge.root, "%s", root);
    }
    bridge.root_len = strlen(bridge.root);
    struct stat root_stat;
    bridge.root_dev = stat(bridge.root, &root_stat) == 0 ? root_stat.st_dev : 0; /* now: a caller's ids may not reach it */
    int root_fd = open(bridge.root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    struct open_how how = {.flags = O_PATH | O_DIRECTORY | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS};
    bridge.listings = root_fd < 0 ? -1 : (int) syscall(SYS_openat2, root_fd, "proc", &how, sizeof how);
    if (root_fd >= 0) {
        close(root_fd);
    }
    for (size_t i = 0; i < CALL_COUNT; i++) {
        numbers[i] = seccomp_syscall_resolve_name(CALLS[i].name);
    }
    self[n > 0 ? n : 0] = '\0';
    if (n <= 0 || atol(self) != bridge.self || bridge.proc < 0) {
        bridge.proc = -1; /* every call goes on */
    }
    /*
     * Caller and bridge take turns on one CPU, handed over directly, instead of waking each other on two (where
     * that is an interrupt between CPUs, as in a VM, each call pays for two). Refused before Linux 6.6: no matter.
     */
    ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP);
    sigset_t all;
    sigfillset(&all);
    sigset_t old;
    pthread_sigmask(SIG_BLOCK, &all, &old); /* the signals stay the main thread's */
    pthread_t thread;
    if (pthread_create(&thread, NULL, serve_all, NULL) != 0) {
        fail("cannot start the thread that answers for /proc");
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}
