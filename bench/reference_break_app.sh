#!/usr/bin/env bash
# Memory and CPU of a widely used desktop break reminder, idle, as a reference for our own daemon.
#
#   [DURATION=600] [WARMUP=30] [DISPLAY_NUM=99] bench/reference_break_app.sh [workrave|safeeyes]
#
# Runs the app (Debian's package, apt-get installed if missing and we are root) on a private
# headless X server (Xvfb) and D-Bus session with a throw-away HOME, so it starts from its
# defaults. After WARMUP seconds it samples every 5 s for DURATION seconds and prints one JSON
# line on stdout; progress and errors go to stderr. The app's figures cover the app process and
# its descendants only; Xvfb's RSS is reported on its own, D-Bus and the services it activates
# (dconf, at-spi) are left out because a desktop session runs them anyway.
set -euo pipefail

app=${1:-workrave}
DURATION=${DURATION:-600}
WARMUP=${WARMUP:-30}
DISPLAY_NUM=${DISPLAY_NUM:-99}
INTERVAL=5
case $app in
  workrave | safeeyes) ;;
  *) echo "usage: $0 [workrave|safeeyes]" >&2; exit 2 ;;
esac

# Install what is missing; only root may, everyone else is told what to install.
need=()
dpkg-query -W -f='${Status}' "$app" 2>/dev/null | grep -q 'ok installed' || need+=("$app")
command -v Xvfb >/dev/null || need+=(xvfb)
command -v dbus-run-session >/dev/null || need+=(dbus)
if ((${#need[@]})); then
  if ((EUID != 0)); then echo "missing: ${need[*]} (apt-get install them as root)" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2
fi
version=$(dpkg-query -W -f='${Version}' "$app")

work=$(mktemp -d)
xvfb_pid='' sysbus_pid='' session_pgid=''
cleanup() {
  set +e # kill what is still there even if part of it is already gone
  # The session was started in its own process group, which also holds the D-Bus-activated
  # services (they detach from their parent but keep the group), so one kill reaches them all.
  [[ -n $session_pgid ]] && kill -TERM -- "-$session_pgid" 2>/dev/null
  [[ -n $sysbus_pid ]] && kill -TERM "$sysbus_pid" 2>/dev/null
  [[ -n $xvfb_pid ]] && kill -TERM "$xvfb_pid" 2>/dev/null
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -e /tmp/.X$DISPLAY_NUM-lock ]]; then echo "display :$DISPLAY_NUM is in use" >&2; exit 1; fi
Xvfb ":$DISPLAY_NUM" -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [[ -S /tmp/.X11-unix/X$DISPLAY_NUM ]] && break; sleep 0.2; done
[[ -S /tmp/.X11-unix/X$DISPLAY_NUM ]] || { cat "$work/xvfb.log" >&2; exit 1; }

# Without a system bus Safe Eyes dies in start() (it listens for logind's suspend signal); a
# private bus on a socket in $work stands in for one without touching the machine's /run/dbus.
if [[ ! -S /run/dbus/system_bus_socket ]]; then
  dbus-daemon --session --nofork --nopidfile --address="unix:path=$work/system_bus" \
    >/dev/null 2>&1 &
  sysbus_pid=$!
  export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$work/system_bus"
fi

mkdir -p "$work/home"
export HOME=$work/home DISPLAY=:$DISPLAY_NUM XDG_SESSION_TYPE=x11
# setsid: a background job of a script is not a group leader, so setsid does not fork and $!
# is the new process group's id.
setsid dbus-run-session -- "$app" >"$work/app.log" 2>&1 &
session_pgid=$!

# The app is dbus-run-session's child that is not its dbus-daemon.
for _ in $(seq 50); do
  pid=$(ps -o pid=,comm= --ppid "$session_pgid" | awk '$2 != "dbus-daemon" { print $1 }')
  [[ -n $pid ]] && break; sleep 0.2
done
[[ -n ${pid:-} ]] || { echo "$app did not start" >&2; cat "$work/app.log" >&2; exit 1; }
echo "$app $version: pid $pid on :$DISPLAY_NUM; warm-up ${WARMUP}s, then ${DURATION}s" >&2
sleep "$WARMUP"

tree() { # the app and its descendants, one pid a line
  ps -eo pid=,ppid= | awk -v root="$pid" '{ kids[$2] = kids[$2] " " $1 }
    END { todo = root; while (todo != "") { split(todo, a, " "); todo = ""
      for (i in a) { print a[i]; todo = todo " " kids[a[i]] } } }'
}
rss_kb() { # total VmRSS of the given pids (a process that just exited counts as 0)
  local kb=0 p v
  for p in "$@"; do v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null || true); kb=$((kb + ${v:-0})); done
  echo "$kb"
}
counters() { # "cpu_ticks ctx_switches" of the tree; cutime+cstime add children already reaped
  local ticks=0 ctx=0 p v
  for p in $(tree); do
    v=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 + $14 + $15 }' || true)
    ticks=$((ticks + ${v:-0}))
    # Context switches are counted per thread, so add up every thread's.
    v=$(cat "/proc/$p"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { s += $2 } END { print s + 0 }' || true)
    ctx=$((ctx + ${v:-0}))
  done
  echo "$ticks $ctx"
}
alive() { kill -0 "$pid" 2>/dev/null || { echo "$app exited" >&2; tail "$work/app.log" >&2; exit 1; }; }

alive
read -r ticks0 ctx0 < <(counters)
t0=$EPOCHREALTIME
samples=()
for ((i = 0; i <= DURATION / INTERVAL; i++)); do
  # Sleep to the next 5 s mark from t0, so the time spent sampling does not stretch the window.
  ((i == 0)) || sleep "$(awk -v t0="$t0" -v now="$EPOCHREALTIME" -v at="$((i * INTERVAL))" \
    'BEGIN { d = t0 + at - now; print (d > 0 ? d : 0) }')"
  alive
  # shellcheck disable=SC2046  # word splitting of the pid list is intended
  samples+=("$(rss_kb $(tree)) $(rss_kb "$xvfb_pid")")
done
read -r ticks1 ctx1 < <(counters)
t1=$EPOCHREALTIME

printf '%s\n' "${samples[@]}" | awk -v app="$app" -v version="$version" \
  -v elapsed="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
  -v cpu="$((ticks1 - ticks0))" -v hz="$(getconf CLK_TCK)" -v ctx="$((ctx1 - ctx0))" '
  { n++; sum += $1; if ($1 > max) max = $1; xsum += $2 }
  END {
    printf "{\"app\": \"%s\", \"version\": \"%s\", \"duration_s\": %.0f, \"rss_mean_mb\": %.1f, " \
      "\"rss_max_mb\": %.1f, \"cpu_s\": %.2f, \"cpu_pct_of_core\": %.3f, " \
      "\"ctx_switches_per_min\": %.1f, \"xvfb_rss_mean_mb\": %.1f}\n",
      app, version, elapsed, sum / n / 1024, max / 1024, cpu / hz, 100 * cpu / hz / elapsed,
      ctx / (elapsed / 60), xsum / n / 1024
  }'
