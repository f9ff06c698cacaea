# Debian/Ubuntu packages jbuild and its tests need (sourced by install.sh and test.sh).
# JDK 17 and Maven build it, gcc and libc6-dev its one small JNI library (the libc calls java.nio lacks) and its
# sandbox program, libseccomp-dev the sandbox's seccomp filter (linked in statically); uidmap gives newuidmap/newgidmap for the subuid mapping; tini is run --init; busybox-static
# makes base images without the internet, debootstrap a real Debian for the slow test; docker-registry,
# skopeo, umoci and buildah (with runc: crun fails on these hosts' cgroups) are the real peers the tests
# check jbuild against (apache2-utils gives htpasswd for a registry with basic auth, openssl the CA of
# a TLS registry, and its libssl the SHA-256 jbuild hashes with, found at run time); iproute2 brings up lo for --network none; tmux is the real terminal ProgressIT watches the live
# build view in; libcap2-bin's capsh drops CAP_SYS_ADMIN for ChrootIT's CI pod without privileges; slirp4netns
# gives run (and build --network private) a private network with published ports; git fetches git contexts and ADD of
# repositories, openssh-client's ssh-agent holds the keys of --ssh ID=KEYFILE.
JBUILD_PACKAGES=(openjdk-17-jdk-headless maven gcc libc6-dev libseccomp-dev uidmap busybox-static tini iproute2 debootstrap docker-registry skopeo umoci buildah runc apache2-utils openssl git ca-certificates tmux libcap2-bin slirp4netns openssh-client)

# What only the test suite needs: Debian's docker.io (dockerd with BuildKit) is the reference DockerParityIT
# compares jbuild's images with; qemu-user-static runs arm64 RUN steps for MultiPlatformIT.
JBUILD_TEST_PACKAGES=(docker.io qemu-user-static)

# Installs the packages named (default: JBUILD_PACKAGES) that are missing.
install_packages() {
  local missing=() p sudo=() wanted=("$@")
  [ ${#wanted[@]} -eq 0 ] && wanted=("${JBUILD_PACKAGES[@]}")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  echo "installing: ${missing[*]}" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Registers qemu-user-static's arm64 and arm handlers with binfmt_misc where nothing did (no systemd-binfmt
# in a CI container), mounting binfmt_misc first when it is not; prints why not when it cannot.
register_emulators() {
  local dir=/proc/sys/fs/binfmt_misc cpu
  [ -e "$dir/register" ] || mount -t binfmt_misc binfmt_misc "$dir" 2>/dev/null || { echo "binfmt_misc cannot be mounted here"; return 1; }
  for cpu in aarch64 arm; do
    [ -e "$dir/qemu-$cpu" ] && continue
    [ -r "/usr/lib/binfmt.d/qemu-$cpu.conf" ] || { echo "qemu-user-static is not installed"; return 1; }
    grep '^:' "/usr/lib/binfmt.d/qemu-$cpu.conf" > "$dir/register" 2>/dev/null || { echo "binfmt_misc refused qemu-$cpu"; return 1; }
  done
}

# Gives USER a subordinate uid/gid range when it has none (useradd usually adds one).
ensure_subids() {
  local user=$1 f
  for f in /etc/subuid /etc/subgid; do
    touch "$f"
    grep -q "^$user:" "$f" || echo "$user:300000:65536" >> "$f"
  done
}
