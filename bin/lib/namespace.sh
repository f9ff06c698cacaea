# The rootless namespace jbuild runs in (sourced by bin/jbuild and the test JVM wrapper).

# /etc/subuid line "name:start:count" (or "uid:start:count") of the caller; prints "start count".
subid_range() {
  local file=$1 name uid
  name=$(id -un); uid=$(id -u)
  [ -r "$file" ] || return 1
  awk -F: -v n="$name" -v u="$uid" '($1 == n || $1 == u) && $3 > 0 { print $2, $3; exit }' "$file" | grep . 
}

namespace_help() {
  cat >&2 <<'HELP'
jbuild: cannot create a user namespace: unprivileged user namespaces are disabled on this host.
  Enable them (as root): sysctl -w kernel.unprivileged_userns_clone=1 (Debian), sysctl -w user.max_user_namespaces=15000,
  or on Ubuntu 23.10+: sysctl -w kernel.apparmor_restrict_unprivileged_userns=0; or run jbuild as root.
HELP
}

# Re-runs "$@" inside jbuild's namespace (exported JBUILD_USERNS=full|single|root says which), or exits 125
# with the reason and the fix.
enter_namespace() {
  local flags=() mode
  if [ "$(id -u)" = 0 ]; then
    mode=root
    flags=(--mount --propagation private)
  else
    local uids gids
    if command -v newuidmap >/dev/null && command -v newgidmap >/dev/null \
       && uids=$(subid_range "${JBUILD_SUBUID_FILE:-/etc/subuid}") \
       && gids=$(subid_range "${JBUILD_SUBGID_FILE:-/etc/subgid}"); then
      mode=full
      local ucount=${uids#* } gcount=${gids#* }
      [ "$ucount" -gt 65536 ] && ucount=65536
      [ "$gcount" -gt 65536 ] && gcount=65536
      flags=(--map-user=0 --map-group=0 "--map-users=${uids% *},1,$ucount" "--map-groups=${gids% *},1,$gcount" --mount)
    else
      mode=single
      flags=(--map-root-user --mount)
    fi
  fi
  local err
  if ! err=$(unshare "${flags[@]}" true 2>&1); then
    if [ "$mode" = full ]; then
      echo "jbuild: mapping the subuid/subgid range failed ($err); check /etc/subuid, /etc/subgid and that newuidmap (package uidmap) is setuid" >&2
    elif [ "$mode" = root ]; then
      echo "jbuild: cannot create a mount namespace: $err" >&2
    else
      namespace_help
    fi
    exit 125
  fi
  export JBUILD_USERNS=$mode JBUILD_CALLER=$(id -un)
  if [ "$mode" = root ]; then
    exec unshare "${flags[@]}" "$@"
  fi
  local pid
  pid=$(pause_process "$mode" "${flags[@]}")
  # Join the shared user namespace (nsenter makes us its root), then take a mount namespace of our own.
  # A single-uid namespace denies setgroups: keep our credentials there (our uid is its root anyway).
  local keep=()
  [ "$mode" = single ] && keep=(--preserve-credentials)
  exec nsenter --user "${keep[@]}" --target "$pid" -- unshare --mount --propagation private "$@"
}

# One user namespace per user and mapping, kept alive by a sleeping "pause" process (as podman does):
# every jbuild process joins it, so one can signal, enter and clean up the containers another started.
# Prints the pause process's pid, starting it when there is none.
pause_process() {
  local mode=$1; shift
  local dir=${XDG_RUNTIME_DIR:-/tmp}/jbuild-$(id -u) key pidfile pid
  mkdir -p -m 700 "$dir"
  key=$(printf '%s ' "$@" | md5sum | cut -c1-12)
  pidfile=$dir/pause-$mode-$key.pid
  exec 9>"$dir/pause.lock"
  flock 9
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if ! { [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sleep ]; }; then
    rm -f "$pidfile"
    local user_flags=()
    for f in "$@"; do [ "$f" = --mount ] || user_flags+=("$f"); done
    setsid unshare "${user_flags[@]}" sh -c 'echo $$ > "$1.tmp" && mv "$1.tmp" "$1" && exec sleep infinity' _ "$pidfile" \
      </dev/null >/dev/null 2>&1 9>&- &
    for _ in $(seq 100); do [ -s "$pidfile" ] && break; sleep 0.05; done
    pid=$(cat "$pidfile" 2>/dev/null || true)
  fi
  exec 9>&-
  [ -n "$pid" ] || { echo "jbuild: could not start the process that holds jbuild's user namespace" >&2; exit 125; }
  echo "$pid"
}
