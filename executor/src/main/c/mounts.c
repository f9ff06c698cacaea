/*
 * The container's root: the fstab Java wrote (SandboxMounts), the kernel's files a container must not
 * write or read, and pivot_root into it with the old root detached, so that no path leads back out
 * (a chroot alone is left by chroot(2) and chdir(".."), which the escape tests do).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <mntent.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox.h"

#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442 /* the same number on every architecture */
#endif

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

/*
 * A recursive bind made read-only all the way down (what `rbind,ro` means here): a remount reaches the
 * top mount only, and a writable mount below it (a cgroup file system under /sys) would stay writable.
 * The top was remounted already; mount_setattr(2) does the rest at once where the kernel has it.
 */
static void read_only_below(const char *target) {
    struct mount_attr attr = {.attr_set = MOUNT_ATTR_RDONLY};
    if (syscall(SYS_mount_setattr, AT_FDCWD, target, AT_RECURSIVE, &attr, sizeof attr) == 0) {
        return;
    }
    if (errno != ENOSYS) {
        fail("make %s read-only", target);
    }
    /* Before Linux 5.12: each mount below the target, as /proc/self/mounts lists them, remounted one by one. */
    FILE *info = setmntent("/proc/self/mounts", "r");
    if (info == NULL) {
        fail("/proc/self/mounts");
    }
    char top[4096]; /* target may live in getmntent's own buffer (the fstab's entry), which the loop reuses */
    snprintf(top, sizeof top, "%s", target);
    size_t length = strlen(top);
    struct mntent entry;
    char buffer[8192];
    while (getmntent_r(info, &entry, buffer, sizeof buffer) != NULL) {
        if (strncmp(entry.mnt_dir, top, length) == 0 && entry.mnt_dir[length] == '/') {
            remount_bind(entry.mnt_dir, MS_RDONLY);
        }
    }
    endmntent(info);
}

/* Every line of DIR/fstab, in order; `merged` is bound onto itself first, so that it is a mount point to pivot into. */
void mount_all(const char *merged, const char *dir) {
    if (mount(merged, merged, NULL, MS_BIND | MS_REC, NULL) != 0) {
        fail("bind %s", merged);
    }
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
            if ((flags & MS_REC) && (flags & MS_RDONLY)) {
                read_only_below(m->mnt_dir);
            }
        } else if (mount(m->mnt_fsname, m->mnt_dir, m->mnt_type, flags, data[0] ? data : NULL) != 0) {
            fail("mount %s on %s", m->mnt_type, m->mnt_dir);
        }
    }
    endmntent(table);
}

/* Bound onto itself read-only; absent files are nothing to protect. */
static void read_only(const char *path) {
    if (access(path, F_OK) != 0) {
        return;
    }
    if (mount(path, path, NULL, MS_BIND | MS_REC, NULL) != 0) {
        fail("bind %s", path);
    }
    remount_bind(path, MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
}

/* Hidden: /dev/null over a file, an empty read-only tmpfs over a directory. */
static void masked(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) {
        return;
    }
    int r = S_ISDIR(st.st_mode) ? mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL)
                                : mount("/dev/null", path, NULL, MS_BIND, NULL);
    if (r != 0) {
        fail("mask %s", path);
    }
}

/*
 * The kernel's knobs and secrets under /proc and /sys, as Docker's default masked and read-only paths:
 * as the host's root, /proc/sys/kernel/core_pattern alone would run a program on the host.
 */
void mask_kernel_files(void) {
    static const char *READ_ONLY[] = {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"};
    static const char *MASKED[] = {"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                                   "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
                                   "/sys/firmware", "/sys/devices/virtual/powercap"};
    for (size_t i = 0; i < sizeof READ_ONLY / sizeof READ_ONLY[0]; i++) {
        read_only(READ_ONLY[i]);
    }
    for (size_t i = 0; i < sizeof MASKED / sizeof MASKED[0]; i++) {
        masked(MASKED[i]);
    }
}

/*
 * pivot_root(".", ".") stacks the old root under the new one at /, and the detaching unmount takes
 * it away: afterwards no path, `..` from any directory included, names anything outside `merged`.
 */
void enter_root(const char *merged) {
    if (chdir(merged) != 0) {
        fail("chdir %s", merged);
    }
    if (syscall(SYS_pivot_root, ".", ".") != 0) {
        fail("pivot_root into %s", merged);
    }
    if (umount2(".", MNT_DETACH) != 0) {
        fail("detach the old root");
    }
    if (chdir("/") != 0) {
        fail("chdir /");
    }
}
