/*
 * The libc calls of dev.jbuild.store.fs.LibC, bound through JNI: loading this library costs about a
 * millisecond, where binding the same calls through jnr-ffi cost 110-160 ms of every command that needed
 * one (classes generated at run time, which no class-data archive can hold).
 *
 * Conventions, the same for every function: paths and names come as NUL-terminated byte arrays (the
 * bytes the file system holds, not JNI's modified UTF-8); a failure returns -errno, never throws.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <jni.h>
#include "dev_jbuild_store_fs_LibC.h"

/* A byte array's bytes, pinned for the length of one call. */
#define BYTES(env, array) ((array) == NULL ? NULL : (char *) (*(env))->GetByteArrayElements((env), (array), NULL))
#define RELEASE(env, array, bytes, mode) \
    do { if ((array) != NULL) (*(env))->ReleaseByteArrayElements((env), (array), (jbyte *) (bytes), (mode)); } while (0)

/* The length of a buffer the caller may leave out (null: the call only answers the size it needs). */
#define LENGTH(env, array) ((array) == NULL ? 0 : (size_t) (*(env))->GetArrayLength((env), (array)))

static jint result(int rc) {
    return rc == 0 ? 0 : -errno;
}

/* A call that answers a size: the size, or -errno. */
static jlong sized(ssize_t n) {
    return n < 0 ? -errno : n;
}

JNIEXPORT jint JNICALL Java_dev_jbuild_store_fs_LibC_chmod(JNIEnv *env, jclass c, jbyteArray path, jint mode) {
    char *p = BYTES(env, path);
    jint rc = result(chmod(p, (mode_t) mode));
    RELEASE(env, path, p, JNI_ABORT);
    return rc;
}

JNIEXPORT jint JNICALL Java_dev_jbuild_store_fs_LibC_lchown(JNIEnv *env, jclass c, jbyteArray path, jint uid, jint gid) {
    char *p = BYTES(env, path);
    jint rc = result(lchown(p, (uid_t) uid, (gid_t) gid));
    RELEASE(env, path, p, JNI_ABORT);
    return rc;
}

JNIEXPORT jint JNICALL Java_dev_jbuild_store_fs_LibC_mkfifo(JNIEnv *env, jclass c, jbyteArray path, jint mode) {
    char *p = BYTES(env, path);
    jint rc = result(mkfifo(p, (mode_t) mode));
    RELEASE(env, path, p, JNI_ABORT);
    return rc;
}

JNIEXPORT jint JNICALL Java_dev_jbuild_store_fs_LibC_mknod(JNIEnv *env, jclass c, jbyteArray path, jint mode, jlong major,
        jlong minor) {
    char *p = BYTES(env, path);
    jint rc = result(mknod(p, (mode_t) mode, makedev((unsigned int) major, (unsigned int) minor)));
    RELEASE(env, path, p, JNI_ABORT);
    return rc;
}

JNIEXPORT jint JNICALL Java_dev_jbuild_store_fs_LibC_setTime(JNIEnv *env, jclass c, jbyteArray path, jlong seconds) {
    struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
    char *p = BYTES(env, path);
    jint rc = result(utimensat(AT_FDCWD, p, times, AT_SYMLINK_NOFOLLOW));
    RELEASE(env, path, p, JNI_ABORT);
    return rc;
}

JNIEXPORT jint JNICALL Java_dev_jbuild_store_fs_LibC_lstat(JNIEnv *env, jclass c, jbyteArray path, jlongArray fields) {
    struct stat st;
    char *p = BYTES(env, path);
    jint rc = result(lstat(p, &st));
    RELEASE(env, path, p, JNI_ABORT);
    if (rc == 0) {
        jlong f[10] = {st.st_mode, st.st_uid, st.st_gid, (jlong) st.st_ino, (jlong) st.st_dev, (jlong) st.st_rdev,
                       (jlong) st.st_nlink, st.st_size, st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec,
                       st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec};
        (*env)->SetLongArrayRegion(env, fields, 0, 10, f);
    }
    return rc;
}

/* With a null buffer: the size the list needs, as llistxattr(2) answers to a zero size. */
JNIEXPORT jlong JNICALL Java_dev_jbuild_store_fs_LibC_llistxattr(JNIEnv *env, jclass c, jbyteArray path, jbyteArray list) {
    char *p = BYTES(env, path);
    char *l = BYTES(env, list);
    jlong rc = sized(llistxattr(p, l, LENGTH(env, list)));
    RELEASE(env, list, l, 0);
    RELEASE(env, path, p, JNI_ABORT);
    return rc;
}

JNIEXPORT jlong JNICALL Java_dev_jbuild_store_fs_LibC_lgetxattr(JNIEnv *env, jclass c, jbyteArray path, jbyteArray name,
        jbyteArray value) {
    char *p = BYTES(env, path);
    char *n = BYTES(env, name);
    char *v = BYTES(env, value);
    jlong rc = sized(lgetxattr(p, n, v, LENGTH(env, value)));
    RELEASE(env, value, v, 0);
    RELEASE(env, name, n, JNI_ABORT);
    RELEASE(env, path, p, JNI_ABORT);
    return rc;
}

JNIEXPORT jint JNICALL Java_dev_jbuild_store_fs_LibC_lsetxattr(JNIEnv *env, jclass c, jbyteArray path, jbyteArray name,
        jbyteArray value) {
    char *p = BYTES(env, path);
    char *n = BYTES(env, name);
    char *v = BYTES(env, value);
    jint rc = result(lsetxattr(p, n, v, LENGTH(env, value), 0));
    RELEASE(env, value, v, JNI_ABORT);
    RELEASE(env, name, n, JNI_ABORT);
    RELEASE(env, path, p, JNI_ABORT);
    return rc;
}

JNIEXPORT jint JNICALL Java_dev_jbuild_store_fs_LibC_lremovexattr(JNIEnv *env, jclass c, jbyteArray path, jbyteArray name) {
    char *p = BYTES(env, path);
    char *n = BYTES(env, name);
    jint rc = result(lremovexattr(p, n));
    RELEASE(env, name, n, JNI_ABORT);
    RELEASE(env, path, p, JNI_ABORT);
    return rc;
}

struct mount_call {
    const char *dir, *source, *target, *type, *data;
    unsigned long flags;
    int rc;
};

/* On a thread of its own whose working directory no other thread shares (unshare CLONE_FS). */
static void *mount_from_dir(void *arg) {
    struct mount_call *m = arg;
    if (unshare(CLONE_FS) != 0 || chdir(m->dir) != 0) {
        m->rc = -errno;
        return NULL;
    }
    m->rc = result(mount(m->source, m->target, m->type, m->flags, m->data));
    return NULL;
}

/*
 * mount(2) with relative paths in its options taken from dir: overlay's lower dirs are named by short
 * relative links to fit the one page of options the kernel takes. The process's working directory is
 * the JVM's and cannot change, so a short-lived thread with a working directory of its own mounts.
 */
JNIEXPORT jint JNICALL Java_dev_jbuild_store_fs_LibC_mountFrom(JNIEnv *env, jclass c, jbyteArray dir, jbyteArray source,
        jbyteArray target, jbyteArray type, jlong flags, jbyteArray data) {
    struct mount_call m = {BYTES(env, dir), BYTES(env, source), BYTES(env, target), BYTES(env, type), BYTES(env, data),
                           (unsigned long) flags, 0};
    pthread_t thread;
    int failed = pthread_create(&thread, NULL, mount_from_dir, &m);
    if (failed == 0) {
        pthread_join(thread, NULL);
    }
    RELEASE(env, data, m.data, JNI_ABORT);
    RELEASE(env, type, m.type, JNI_ABORT);
    RELEASE(env, target, m.target, JNI_ABORT);
    RELEASE(env, source, m.source, JNI_ABORT);
    RELEASE(env, dir, m.dir, JNI_ABORT);
    return failed != 0 ? -failed : m.rc;
}

JNIEXPORT jint JNICALL Java_dev_jbuild_store_fs_LibC_umount2(JNIEnv *env, jclass c, jbyteArray target, jint flags) {
    char *t = BYTES(env, target);
    jint rc = result(umount2(t, flags));
    RELEASE(env, target, t, JNI_ABORT);
    return rc;
}

JNIEXPORT jint JNICALL Java_dev_jbuild_store_fs_LibC_kill(JNIEnv *env, jclass c, jlong pid, jint sig) {
    return result(kill((pid_t) pid, sig));
}

JNIEXPORT jstring JNICALL Java_dev_jbuild_store_fs_LibC_strerror(JNIEnv *env, jclass c, jint errnum) {
    char buffer[256];
    return (*env)->NewStringUTF(env, strerror_r(errnum, buffer, sizeof buffer));
}

/*
 * SHA-256 by the system's OpenSSL, found at run time (no build-time dependency; without it jbuild keeps
 * the JDK's). The context lives in a Java byte array, so a digest needs no native memory to free and is
 * cloned by copying the array.
 */
typedef int (*sha256_init_fn)(void *ctx);
typedef int (*sha256_update_fn)(void *ctx, const void *data, size_t length);
typedef int (*sha256_final_fn)(unsigned char *digest, void *ctx);
static sha256_init_fn sha256_init;
static sha256_update_fn sha256_update;
static sha256_final_fn sha256_final;
/* sizeof(SHA256_CTX) in OpenSSL 1.1 and 3: h[8], Nl, Nh, data[16], num, md_len, all 32-bit. */
#define SHA256_CONTEXT_SIZE 112

JNIEXPORT jint JNICALL Java_dev_jbuild_store_fs_LibC_sha256Bind(JNIEnv *env, jclass c) {
    static const char *names[] = {"libcrypto.so.3", "libcrypto.so.1.1", NULL};
    for (int i = 0; names[i] != NULL; i++) {
        void *library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (library == NULL) {
            continue;
        }
        sha256_init = (sha256_init_fn) dlsym(library, "SHA256_Init");
        sha256_update = (sha256_update_fn) dlsym(library, "SHA256_Update");
        sha256_final = (sha256_final_fn) dlsym(library, "SHA256_Final");
        if (sha256_init != NULL && sha256_update != NULL && sha256_final != NULL) {
            return SHA256_CONTEXT_SIZE;
        }
        dlclose(library);
    }
    return 0;
}

JNIEXPORT void JNICALL Java_dev_jbuild_store_fs_LibC_sha256Init(JNIEnv *env, jclass c, jbyteArray context) {
    void *ctx = (*env)->GetPrimitiveArrayCritical(env, context, NULL);
    sha256_init(ctx);
    (*env)->ReleasePrimitiveArrayCritical(env, context, ctx, 0);
}

JNIEXPORT void JNICALL Java_dev_jbuild_store_fs_LibC_sha256Update(JNIEnv *env, jclass c, jbyteArray context, jbyteArray data,
                                                                jint offset, jint length) {
    void *ctx = (*env)->GetPrimitiveArrayCritical(env, context, NULL);
    char *bytes = (*env)->GetPrimitiveArrayCritical(env, data, NULL);
    sha256_update(ctx, bytes + offset, (size_t) length);
    (*env)->ReleasePrimitiveArrayCritical(env, data, bytes, JNI_ABORT);
    (*env)->ReleasePrimitiveArrayCritical(env, context, ctx, 0);
}

JNIEXPORT void JNICALL Java_dev_jbuild_store_fs_LibC_sha256Final(JNIEnv *env, jclass c, jbyteArray context, jbyteArray digest) {
    void *ctx = (*env)->GetPrimitiveArrayCritical(env, context, NULL);
    unsigned char *out = (*env)->GetPrimitiveArrayCritical(env, digest, NULL);
    sha256_final(out, ctx);
    (*env)->ReleasePrimitiveArrayCritical(env, digest, out, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, context, ctx, 0);
}
