# What the benches that run tools as USER share (sourced; the caller sets user, work and pids=()).
as_user() { runuser -u "$user" -- env HOME="$(getent passwd "$user" | cut -d: -f6)" PATH="$PATH" "$@"; }
now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Starts Debian's dockerd (20.10, BuildKit) as root on a data root and socket of its own under $work, so
# nothing of the host's containers is touched; sets D=(docker command for it, BuildKit on).
start_dockerd() {
  D=(env DOCKER_HOST="unix://$work/docker.sock" DOCKER_BUILDKIT=1 DOCKER_CONFIG="$work/docker-config" /usr/bin/docker)
  /usr/sbin/dockerd --iptables=false --bridge=none --data-root "$work/docker" --exec-root "$work/docker-exec" \
    --pidfile "$work/dockerd.pid" -H "unix://$work/docker.sock" > "$work/dockerd.log" 2>&1 & pids+=($!)
  for _ in $(seq 60); do "${D[@]}" version >/dev/null 2>&1 && break; sleep 0.5; done
}

# Empties Docker's store and build cache: each Docker run starts as cold as the others.
docker_cold() {
  "${D[@]}" image rm -f $("${D[@]}" images -q) >/dev/null 2>&1 || true
  "${D[@]}" builder prune -af >/dev/null 2>&1 || true
}

# Starts Debian's docker-registry on a loopback port under $work; sets reg=127.0.0.1:PORT.
start_registry() {
  local port=$((20000 + RANDOM % 30000))
  reg=127.0.0.1:$port
  printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: %s\n' "$work/registry" "$reg" > "$work/registry.yml"
  docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 & pids+=($!)
  for _ in $(seq 50); do curl -sf "http://$reg/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
}

# Makes $work, a directory of its own under /tmp (NAME in its name) that USER can enter, with $work/as-user
# USER's; when the bench exits, the servers it started die and everything there goes, USER's files too.
bench_work() {
  work=$(mktemp -d "/tmp/jbuild-$1-bench.XXXXXX")
  chmod 755 "$work"
  mkdir -p "$work/as-user"
  chown "$user:" "$work/as-user"
  pids=()
  trap bench_cleanup EXIT
}
bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  runuser -u "$user" -- "$top/bin/jbuild" unshare rm -rf "$work/as-user" >/dev/null 2>&1 || true
  rm -rf "$work" 2>/dev/null || true
}

# Pushes testdata's busybox, once, by jbuild as USER, to $reg/bench/busybox:1: the base every tool pulls.
push_busybox_base() {
  "$top/testdata/busybox/rootfs.sh" "$work/bb.tar"
  chmod 644 "$work/bb.tar"
  as_user env JBUILD_ROOT="$work/as-user/seed" "$top/bin/jbuild" import "$work/bb.tar" bb >/dev/null
  as_user env JBUILD_ROOT="$work/as-user/seed" "$top/bin/jbuild" push bb "$reg/bench/busybox:1" >/dev/null
}
