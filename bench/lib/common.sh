# What the benches that run tools as USER share (sourced; the caller sets user, work and pids=()).
as_user() { runuser -u "$user" -- env HOME="$(getent passwd "$user" | cut -d: -f6)" PATH="$PATH" "$@"; }
now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Starts Debian's docker-registry on a loopback port under $work; sets reg=127.0.0.1:PORT.
start_registry() {
  local port=$((20000 + RANDOM % 30000))
  reg=127.0.0.1:$port
  printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: %s\n' "$work/registry" "$reg" > "$work/registry.yml"
  docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 & pids+=($!)
  for _ in $(seq 50); do curl -sf "http://$reg/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
}
