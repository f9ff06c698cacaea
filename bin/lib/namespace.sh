# The rootless namespace jbuild runs in (sourced by bin/jbuild and the test JVM wrapper).
# Bash builtins only on the path every command takes; a new namespace is probed only when it is made.

# Sets range_start and range_count to the caller's range in a subordinate id file (lines name:start:count
# or uid:start:count); fails when there is none. No subshell: every process started here delays every command.
subid_range() {
  local file=$1 name=$2 who start count
  [ -r "$file" ] || return 1
  while IFS=: read -r who start count; do
    if { [ "$who" = "$name" ] || [ "$who" = "$UID" ]; } && [ "${count:-0}" -gt 0 ] 2>/dev/null; then
      range_start=$start range_count=$count
      return 0
    fi
  done < "$file"
  return 1
}

# Sets name to the caller's user name: /etc/passwd read by the shell itself, id(1) for users it does not
# list (LDAP and the like).
caller_name() {
  local n x uid rest
  while IFS=: read -r n x uid rest; do
    if [ "$uid" = "$UID" ]; then
      name=$n
      return 0
    fi
  done < /etc/passwd
  name=$(id -un)
}

# As root: JBUILD_USERNS=root for the host's root (its store is /var/lib/jbuild), full for the root of a
# user namespace (a container's root with a range of ids), whose store is under $HOME.
export_root_kind() {
  local inside outside count
  read -r inside outside count < /proc/self/uid_map
  if [ "$outside $count" = "0 4294967295" ]; then export JBUILD_USERNS=root; else export JBUILD_USERNS=full; fi
}

namespace_help() {
  cat >&2 <<'HELP'
jbuild: cannot create a user namespace: unprivileged user namespaces are disabled on this host.
  Enable them (as root): sysctl -w kernel.unprivileged_userns_clone=1 (Debian), sysctl -w user.max_user_namespaces=15000,
  or on Ubuntu 23.10+: sysctl -w kernel.apparmor_restrict_unprivileged_userns=0; or run jbuild as root.
HELP
}

# Execs "$@" (after the isolation asked for: auto, rootless or chroot) inside jbuild's namespace
# (exported JBUILD_USERNS=full|single|root says which), or as it is under chroot isolation
# (JBUILD_ISOLATION=chroot), or exits 125 with the reason and the fix.
enter_namespace() {
  local isolation=$1 mode user_flags=()
  shift
  if [ "$UID" = 0 ]; then
    local err
    export_root_kind
    export JBUILD_CALLER=root
    if [ "$isolation" = chroot ]; then
      export JBUILD_ISOLATION=chroot
      exec "$@"
    fi
    if ! err=$(unshare --mount true 2>&1); then # cheap for root: no id mapping to set up
      if [ "$isolation" = auto ]; then
        # Root without the right to mount (a CI pod, a container without CAP_SYS_ADMIN): chroot isolation.
        export JBUILD_ISOLATION=chroot
        exec "$@"
      fi
      echo "jbuild: cannot create a mount namespace ($err): this host allows no rootless isolation; use --isolation chroot" >&2
      exit 125
    fi
    export JBUILD_ISOLATION=rootless
    exec unshare --mount --propagation private "$@"
  fi
  # An ordinary user: always our user namespace; with chroot isolation its steps run chrooted, without mounts.
  [ "$isolation" = chroot ] || export JBUILD_ISOLATION=rootless
  local name ustart ucount range_start range_count
  caller_name
  if command -v newuidmap >/dev/null && command -v newgidmap >/dev/null \
     && subid_range "${JBUILD_SUBUID_FILE:-/etc/subuid}" "$name" && ustart=$range_start ucount=$range_count \
     && subid_range "${JBUILD_SUBGID_FILE:-/etc/subgid}" "$name"; then
    mode=full
    local gcount=$range_count
    [ "$ucount" -gt 65536 ] && ucount=65536
    [ "$gcount" -gt 65536 ] && gcount=65536
    user_flags=(--map-user=0 --map-group=0 "--map-users=$ustart,1,$ucount" "--map-groups=$range_start,1,$gcount")
  else
    mode=single
    user_flags=(--map-root-user)
  fi
  export JBUILD_USERNS=$mode JBUILD_CALLER=$name
  local pid
  pause_process "$mode" "${user_flags[@]}"
  pid=$pause_pid
  # Join the shared user namespace (nsenter makes us its root), then take a mount namespace of our own.
  # A single-uid namespace denies setgroups: keep our credentials there (our uid is its root anyway).
  local keep=()
  [ "$mode" = single ] && keep=(--preserve-credentials)
  exec nsenter --user "${keep[@]}" --target "$pid" -- unshare --mount --propagation private "$@"
}

# One user namespace per user and mapping, kept alive by a sleeping "pause" process (as podman does):
# every jbuild process joins it, so one can signal, enter and clean up the containers another started.
# Sets pause_pid, starting the process when there is none (that start is the only probe of the host).
pause_process() {
  local mode=$1; shift
  local dir=${XDG_RUNTIME_DIR:-/tmp}/jbuild-$UID key pidfile pid comm
  key="$*"
  key=${key//[^0-9a-zA-Z]/_}
  pidfile=$dir/pause-$mode-$key.pid
  # The common case without a lock: a pause process of this mapping is alive.
  if [ -r "$pidfile" ] && read -r pid < "$pidfile" && [ -n "$pid" ] && read -r comm 2>/dev/null < "/proc/$pid/comm" \
     && [ "$comm" = sleep ]; then
    pause_pid=$pid
    return 0
  fi
  [ -d "$dir" ] || mkdir -p -m 700 "$dir"
  exec 9>"$dir/pause.lock"
  flock 9
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if ! { [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sleep ]; }; then
    rm -f "$pidfile"
    setsid unshare "$@" sh -c 'echo $$ > "$1.tmp" && mv "$1.tmp" "$1" && exec sleep infinity' _ "$pidfile" \
      </dev/null >/dev/null 2>"$dir/pause.err" 9>&- &
    local starter=$!
    for _ in $(seq 100); do
      [ -s "$pidfile" ] && break
      kill -0 "$starter" 2>/dev/null || break # unshare failed: the host said no
      sleep 0.05
    done
    pid=$(cat "$pidfile" 2>/dev/null || true)
  fi
  exec 9>&-
  if [ -z "$pid" ]; then
    local err
    err=$(tr '\n' ' ' < "$dir/pause.err" 2>/dev/null || true)
    if [ "$mode" = full ]; then
      echo "jbuild: mapping the subuid/subgid range failed (${err:-no answer}); check /etc/subuid, /etc/subgid and that newuidmap (package uidmap) is setuid" >&2
    else
      namespace_help
    fi
    exit 125
  fi
  pause_pid=$pid
}
