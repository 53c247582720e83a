#!/usr/bin/env bash
# The system packages and services the test suites need, on Debian or Ubuntu: `make test` and
# .ci/run both run this first. As root, or with passwordless sudo, it installs what is missing
# (and starts PostgreSQL); otherwise it installs nothing and names each suite that cannot run and
# the one command that installs what it lacks. With everything there it takes well under a second.
#
#   scripts/setup-system.sh            install what is missing when it can, else say what is
#   scripts/setup-system.sh --check    install nothing; only say what is missing
#   scripts/setup-system.sh --strict   exit 1 if anything is still missing afterwards (CI)
#
# It exits 1 when python3-venv is missing and cannot be installed, since nothing runs without it.
set -euo pipefail
cd "$(dirname "$0")/.."

install=1
strict=0
for argument in "$@"; do
  case "$argument" in
    --check) install=0 ;;
    --strict) strict=1 ;;
    *) echo "usage: $0 [--check] [--strict]" >&2; exit 64 ;;
  esac
done

# --- what each suite needs, and how to tell it is there --------------------------------------

has_venv() { python3 -c "import ensurepip, venv" 2>/dev/null; }
# The browser tests (tests/e2e) drive Debian's Chromium through Playwright, whose own browser
# download cannot run here.
has_chromium() { [ -x /usr/bin/chromium ]; }
# PNG charts (psoas report) render text with a system font.
has_fonts() { command -v fc-list >/dev/null && fc-list 2>/dev/null | grep -qi dejavu; }
# Break reminders' desktop adapters are tested for real: a virtual X display (Xvfb, with xdotool
# and xprop to act on it, libXss for idle time) and private D-Bus buses.
has_desktop() {
  command -v Xvfb && command -v xdotool && command -v xprop && command -v dbus-daemon \
    && { ldconfig -p 2>/dev/null || /sbin/ldconfig -p; } | grep -q 'libXss.so.1'
} >/dev/null 2>&1
# The storage and web tests also run on PostgreSQL: postgres@127.0.0.1:5432, trust auth.
postgres_listens() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
postgres_installed() { ls /etc/postgresql/*/main >/dev/null 2>&1; }

# Fills `missing` (package names) and `unrunnable` (one line per suite that cannot run).
survey() {
  missing=()
  unrunnable=()
  if ! has_venv; then
    missing+=(python3-venv)
    unrunnable+=("everything: make cannot create .venv/ without python3-venv")
  fi
  if ! has_chromium; then
    missing+=(chromium)
    unrunnable+=("browser tests (tests/e2e): Chromium is not at /usr/bin/chromium")
  fi
  if ! has_fonts; then
    missing+=(fonts-dejavu-core fontconfig)
    unrunnable+=("PNG charts (tests/charts, psoas report): no DejaVu font to draw their text")
  fi
  if ! has_desktop; then
    missing+=(xvfb xdotool x11-utils dbus libxss1)
    unrunnable+=("desktop reminder tests (tests/desktop): Xvfb, xdotool, xprop, D-Bus or libXss missing")
  fi
  if ! postgres_listens; then
    postgres_installed || missing+=(postgresql)
    unrunnable+=("PostgreSQL halves of the storage and web tests: nothing listens on 127.0.0.1:5432")
  fi
}

# --- who may install -------------------------------------------------------------------------

as_root=()
can_install=0
if [ "$(id -u)" = 0 ]; then
  can_install=1
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
  can_install=1
fi
command -v apt-get >/dev/null || can_install=0

start_postgres() {
  if ! postgres_installed; then
    return
  fi
  local version
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  # The package may have started it already: reload picks up trust lines, and start's failure
  # on a running cluster is fine; whether it listens decides.
  "${as_root[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" main reload 2>/dev/null || true
  "${as_root[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
  for _ in $(seq 60); do
    postgres_listens && return
    sleep 0.5
  done
}

survey
if [ "$install" = 1 ] && [ "$can_install" = 1 ] && [ "${#unrunnable[@]}" -gt 0 ]; then
  fresh_postgres=0
  if [ "${#missing[@]}" -gt 0 ]; then
    postgres_installed || fresh_postgres=1
    echo "setup-system: installing ${missing[*]}" >&2
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    if [ "$fresh_postgres" = 1 ] && postgres_installed; then
      # A cluster just made for the tests: let them connect over TCP without a password.
      for hba in /etc/postgresql/*/main/pg_hba.conf; do
        printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' \
          | "${as_root[@]}" tee "$hba" >/dev/null
      done
    fi
  fi
  # A cluster the package has just created is already running with its own pg_hba.conf:
  # start_postgres reloads it so the trust lines above take effect.
  if [ "$fresh_postgres" = 1 ] || ! postgres_listens; then
    start_postgres
  fi
  survey
fi

if [ "${#unrunnable[@]}" -eq 0 ]; then
  exit 0
fi
{
  echo "setup-system: these tests cannot run on this machine:"
  printf '  - %s\n' "${unrunnable[@]}"
  if [ "$install" = 1 ] && [ "$can_install" = 1 ]; then
    echo "and installing did not fix it (see above)."
  elif command -v apt-get >/dev/null; then
    echo "One command installs what they lack${missing[*]:+ (${missing[*]})} and starts PostgreSQL:"
    echo "  sudo $0"
  else
    echo "Install the equivalents of these Debian packages: ${missing[*]:-postgresql (started)}"
  fi
  echo "Until then those tests skip, or fail saying what is missing (PSOAS_SKIP_POSTGRES=1 skips the PostgreSQL ones)."
} >&2
if ! has_venv || [ "$strict" = 1 ]; then
  exit 1
fi
