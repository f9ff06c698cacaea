/* jbuild-sandbox's parts: mounts.c makes the container's root, confine.c confines the command. */
#ifndef JBUILD_SANDBOX_H
#define JBUILD_SANDBOX_H

#include <sys/types.h>

#define SETUP_FAILED 125

/* One line on stderr naming what failed and errno's reason, then exit 125. */
void fail(const char *format, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* SIGNAL when our parent dies; exit 125 at once if PARENT (when > 0) is no longer our parent. */
void die_with(pid_t parent, int signal);

/* mounts.c */
void mount_all(const char *merged, const char *dir);
void mask_kernel_files(void);
void enter_root(const char *merged);

/* confine.c: what a container's command may do, as Docker's defaults have it. */
enum isolation { NAMESPACES, CHROOT };
void drop_bounding_set(enum isolation isolation);
void install_seccomp(enum isolation isolation);
void keep_default_capabilities(enum isolation isolation);
void close_inherited_descriptors(void);
/* JBUILD_SANDBOX_ULIMITS: NAME=SOFT:HARD,... (-1: unlimited), set with setrlimit. */
void apply_ulimits(const char *list);

/* kernelfiles.c: /proc, /sys and /dev's usual nodes under chroot isolation, through seccomp user notification. */
void kernel_files_hand_over(int socket);
int kernel_files_receive(int socket);
void kernel_files_serve(int listener, const char *root);

/* network.c: the private network, slirp4netns joined to the command's network namespace. */
struct slirp {
    pid_t pid;
    int go, ready, exit_fd;
};
int network_is_private(const char *network);
/* Before the new network namespace: slirp4netns forked, waiting; DIR becomes our working directory. */
void network_prepare(struct slirp *s, const char *dir);
/* After it: slirp4netns told to go, waited for, and the published ports forwarded. */
void network_start(struct slirp *s, const char *network);
/* Once the command is gone: slirp4netns told to exit, and reaped. */
void network_stop(struct slirp *s);
/* NETWORK "join:PATH": joins that namespace; false for any other NETWORK. */
int network_join(const char *network);
/* "network DIR" mode: a private network namespace held (its path printed as "ready") until stdin closes. */
int hold_network(const char *dir, pid_t parent);

#endif
