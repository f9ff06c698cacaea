/*
 * What a container's command may do once it runs: Docker's default capabilities, a seccomp filter with
 * the effect of Docker's default profile (through libseccomp), no descriptor of jbuild's, and the resource
 * limits asked for (--ulimit).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/capability.h>
#include <sched.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox.h"

/* Docker's default set. Under chroot isolation without CAP_SYS_CHROOT: a chroot is left by chroot(2) itself. */
static const int DEFAULT_CAPS[] = {
    CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FSETID, CAP_FOWNER, CAP_MKNOD, CAP_NET_RAW, CAP_SETGID, CAP_SETUID,
    CAP_SETFCAP, CAP_SETPCAP, CAP_NET_BIND_SERVICE, CAP_SYS_CHROOT, CAP_KILL, CAP_AUDIT_WRITE,
};

static int kept(int cap, enum isolation isolation) {
    if (isolation == CHROOT && cap == CAP_SYS_CHROOT) {
        return 0;
    }
    for (size_t i = 0; i < sizeof DEFAULT_CAPS / sizeof DEFAULT_CAPS[0]; i++) {
        if (DEFAULT_CAPS[i] == cap) {
            return 1;
        }
    }
    return 0;
}

/* No later exec, a setuid program's included, can gain a capability outside the set. */
void drop_bounding_set(enum isolation isolation) {
    for (int cap = 0; cap < 64; cap++) {
        if (!kept(cap, isolation) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) {
            fail("drop capability %d", cap);
        }
    }
}

/* After the switch of ids: a root command keeps the default set and nothing more; nothing is inherited. */
void keep_default_capabilities(enum isolation isolation) {
    struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct data[2];
    if (syscall(SYS_capget, &header, data) != 0) {
        fail("capget");
    }
    for (int word = 0; word < 2; word++) {
        uint32_t mask = 0;
        for (int bit = 0; bit < 32; bit++) {
            if (kept(word * 32 + bit, isolation)) {
                mask |= 1u << bit;
            }
        }
        data[word].effective &= mask;
        data[word].permitted &= mask;
        data[word].inheritable = 0;
    }
    if (syscall(SYS_capset, &header, data) != 0) {
        fail("capset");
    }
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0); /* EINVAL before Linux 4.3: nothing to clear */
}

/*
 * What Docker's default profile refuses a container with the default capabilities, as a deny list:
 * Docker's profile is an allow list, whose every new system call of the kernel or libc must first be
 * added (Debian and Ubuntu images broke on faccessat2 that way); the calls that reach past a container
 * are the ones to refuse.
 */
static const char *DENIED[] = {
    "acct", "add_key", "bpf", "clock_adjtime", "clock_settime", "create_module", "delete_module", "fanotify_init",
    "finit_module", "fsconfig", "fsmount", "fsopen", "fspick", "get_kernel_syms", "get_mempolicy", "init_module",
    "io_uring_enter", "io_uring_register", "io_uring_setup", "ioperm", "iopl", "kcmp", "kexec_file_load",
    "kexec_load", "keyctl", "lookup_dcookie", "mbind", "migrate_pages", "mount", "mount_setattr", "move_mount",
    "move_pages", "name_to_handle_at", "nfsservctl", "open_by_handle_at", "open_tree", "perf_event_open",
    "pidfd_getfd", "pivot_root", "process_madvise", "process_vm_readv", "process_vm_writev", "query_module",
    "quotactl", "quotactl_fd", "reboot", "request_key", "set_mempolicy", "setns", "settimeofday", "stime",
    "swapoff", "swapon", "syslog", "sysfs", "_sysctl", "umount", "umount2", "unshare", "uselib", "userfaultfd",
    "ustat", "vhangup", "vm86", "vm86old",
};

/* Without a PID namespace (chroot isolation) jbuild and its neighbours are the command's to trace: refused. */
static const char *DENIED_WITHOUT_PID_NAMESPACE[] = {"ptrace"};

static void deny(scmp_filter_ctx filter, const char *name, uint32_t action, unsigned count, const struct scmp_arg_cmp *args) {
    int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) {
        return; /* not a call of this architecture */
    }
    int r = seccomp_rule_add_array(filter, action, nr, count, args);
    if (r != 0) {
        errno = -r;
        fail("seccomp rule for %s", name);
    }
}

/* clone with a namespace flag, and device nodes (a block device would be the host's disk for the host's root). */
static void deny_by_argument(scmp_filter_ctx filter) {
    static const unsigned long NAMESPACES[] = {CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID,
                                               CLONE_NEWNET, CLONE_NEWCGROUP};
    for (size_t i = 0; i < sizeof NAMESPACES / sizeof NAMESPACES[0]; i++) {
        struct scmp_arg_cmp flag = SCMP_A0(SCMP_CMP_MASKED_EQ, NAMESPACES[i], NAMESPACES[i]);
        deny(filter, "clone", SCMP_ACT_ERRNO(EPERM), 1, &flag);
    }
    /* clone3's flags are behind a pointer, which a filter cannot read: libc falls back to clone. */
    deny(filter, "clone3", SCMP_ACT_ERRNO(ENOSYS), 0, NULL);
    struct scmp_arg_cmp block[] = {SCMP_A1(SCMP_CMP_MASKED_EQ, S_IFMT, S_IFBLK)};
    deny(filter, "mknod", SCMP_ACT_ERRNO(EPERM), 1, block);
    struct scmp_arg_cmp character[] = {SCMP_A1(SCMP_CMP_MASKED_EQ, S_IFMT, S_IFCHR), SCMP_A2(SCMP_CMP_NE, 0)};
    deny(filter, "mknod", SCMP_ACT_ERRNO(EPERM), 2, character); /* 0:0 stays: an overlay whiteout */
    struct scmp_arg_cmp block_at[] = {SCMP_A2(SCMP_CMP_MASKED_EQ, S_IFMT, S_IFBLK)};
    deny(filter, "mknodat", SCMP_ACT_ERRNO(EPERM), 1, block_at);
    struct scmp_arg_cmp character_at[] = {SCMP_A2(SCMP_CMP_MASKED_EQ, S_IFMT, S_IFCHR), SCMP_A3(SCMP_CMP_NE, 0)};
    deny(filter, "mknodat", SCMP_ACT_ERRNO(EPERM), 2, character_at);
}

/*
 * Loaded while the process may still (CAP_SYS_ADMIN of its namespace), so that setuid programs work in
 * the container as in Docker's; under chroot isolation no_new_privs is set as well.
 */
void install_seccomp(enum isolation isolation) {
    scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
    if (filter == NULL) {
        fail("seccomp_init");
    }
    if (seccomp_attr_set(filter, SCMP_FLTATR_CTL_NNP, isolation == CHROOT) != 0) {
        fail("seccomp no_new_privs");
    }
    for (size_t i = 0; i < sizeof DENIED / sizeof DENIED[0]; i++) {
        deny(filter, DENIED[i], SCMP_ACT_ERRNO(EPERM), 0, NULL);
    }
    if (isolation == CHROOT) {
        for (size_t i = 0; i < sizeof DENIED_WITHOUT_PID_NAMESPACE / sizeof DENIED_WITHOUT_PID_NAMESPACE[0]; i++) {
            deny(filter, DENIED_WITHOUT_PID_NAMESPACE[i], SCMP_ACT_ERRNO(EPERM), 0, NULL);
        }
    }
    deny_by_argument(filter);
    int r = seccomp_load(filter);
    if (r != 0) {
        errno = -r;
        fail("load the seccomp filter");
    }
    seccomp_release(filter);
}

/* Only 0-2 reach the command; Java closes the rest when it starts us, this makes sure. */
void close_inherited_descriptors(void) {
    if (syscall(SYS_close_range, 3, ~0U, 0) == 0) {
        return;
    }
    long max = sysconf(_SC_OPEN_MAX);
    for (long fd = 3; fd < (max > 0 ? max : 65536); fd++) {
        close((int) fd);
    }
}

static const struct {
    const char *name;
    int resource;
} LIMITS[] = {
    {"core", RLIMIT_CORE}, {"cpu", RLIMIT_CPU}, {"data", RLIMIT_DATA}, {"fsize", RLIMIT_FSIZE}, {"locks", RLIMIT_LOCKS},
    {"memlock", RLIMIT_MEMLOCK}, {"msgqueue", RLIMIT_MSGQUEUE}, {"nice", RLIMIT_NICE}, {"nofile", RLIMIT_NOFILE},
    {"nproc", RLIMIT_NPROC}, {"rss", RLIMIT_RSS}, {"rtprio", RLIMIT_RTPRIO}, {"rttime", RLIMIT_RTTIME},
    {"sigpending", RLIMIT_SIGPENDING}, {"stack", RLIMIT_STACK}, {"as", RLIMIT_AS},
};

void apply_ulimits(const char *list) {
    if (list == NULL || *list == '\0') {
        return;
    }
    char *copy = strdup(list), *saved;
    for (char *item = strtok_r(copy, ",", &saved); item != NULL; item = strtok_r(NULL, ",", &saved)) {
        char name[16];
        long long soft, hard;
        if (sscanf(item, "%15[a-z]=%lld:%lld", name, &soft, &hard) != 3) {
            errno = EINVAL;
            fail("ulimit %s", item);
        }
        size_t i = 0;
        while (i < sizeof LIMITS / sizeof LIMITS[0] && strcmp(LIMITS[i].name, name) != 0) {
            i++;
        }
        if (i == sizeof LIMITS / sizeof LIMITS[0]) {
            errno = EINVAL;
            fail("ulimit %s", item);
        }
        struct rlimit limit = {soft < 0 ? RLIM_INFINITY : (rlim_t) soft, hard < 0 ? RLIM_INFINITY : (rlim_t) hard};
        if (setrlimit(LIMITS[i].resource, &limit) != 0) {
            fail("cannot set --ulimit %s (a hard limit above the current one needs root)", item);
        }
    }
    free(copy);
}
