#!/usr/bin/env bash
# Builds the Linux packages and checks them as an operator would, on clean Debian 12 roots:
#  1. cpack: .deb and .rpm of halobestie-backend, -controlcenter, -tools (sizes printed);
#     lintian, appstreamcli, systemd-analyze security on what was built;
#  2. root A (debootstrap, cached): apt installs the .debs (dependencies resolved by apt), the
#     system user and the protected settings exist, `systemd-analyze verify` accepts the unit;
#     Valkey (redis-server) and PostgreSQL started there, the backend started as the unit does
#     (user halobestie, /etc/halobestie/backend.env, `migrate` first) answers /health; the
#     control center prints --version under Xvfb; purge removes the user and the settings;
#  3. root B: Qt development packages only (no hiredis, libpqxx, libsodium), the control center
#     alone configures (-DHB_BUILD_BACKEND=OFF -DHB_BUILD_TOOLS=OFF).
# Needs root (debootstrap, chroot, mounts). Run by scripts/test.sh (CI) after the tests.
#   HB_PACKAGE_PRESET  CMake preset of the build packaged (default: release)
#   HB_ROOT_CACHE      where the root tarball and downloaded .debs are kept
#   HB_PACKAGE_PARTS   which parts to run (default: "packages install cc-only")
set -euo pipefail
cd "$(dirname "$0")/.."
# The clean roots have only what this script installs: a compiler launcher (ccache) set in the
# caller's environment must not follow cmake into them.
unset CMAKE_CXX_COMPILER_LAUNCHER CMAKE_C_COMPILER_LAUNCHER
source scripts/lib/debian-root.sh
source scripts/lib/servers.sh   # hb_free_port, hb_die

[[ $(id -u) -eq 0 ]] || hb_die "package-check needs root (debootstrap, chroot)"
start=$SECONDS
step() { echo "=== package-check [$((SECONDS - start)) s]: $* ==="; }

step "packaging tools (scripts/packaging-deps.txt)"
mapfile -t pkgdeps < <(grep -v '^#' scripts/packaging-deps.txt | grep .)
missing=()
for p in "${pkgdeps[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

parts=" ${HB_PACKAGE_PARTS:-packages install cc-only} "
preset=${HB_PACKAGE_PRESET:-release}
build=build/$preset
out=$build/packages

check_packages() {
  step "build ($preset) and cpack"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" --target halobestie-backend halobestie-controlcenter \
    halobestie-wscat halobestie-sim halobestie-stats halobestie-bench
  rm -rf "$out" && mkdir -p "$out"
  (cd "$build" && cpack -G "DEB;RPM" -B "$PWD/packages" >/dev/null)
  debs=("$out"/halobestie-*.deb)
  rpms=("$out"/halobestie-*.rpm)
  ((${#debs[@]} == 3)) || hb_die "expected 3 .deb packages, got: ${debs[*]}"
  ((${#rpms[@]} == 3)) || hb_die "expected 3 .rpm packages, got: ${rpms[*]}"
  for f in "${debs[@]}" "${rpms[@]}"; do
    printf '  %-60s %6d KiB\n' "$(basename "$f")" $(( $(stat -c %s "$f") / 1024 ))
  done
  for f in "${debs[@]}"; do
    printf '  %-60s %6s KiB installed\n' "$(dpkg-deb -f "$f" Package)" "$(dpkg-deb -f "$f" Installed-Size)"
    # Stripped: no ELF file in a package keeps its symbol table.
    tmpx=$(mktemp -d); dpkg-deb -x "$f" "$tmpx"
    while IFS= read -r elf; do
      if file "$elf" | grep -q 'not stripped'; then hb_die "$(basename "$f"): $elf not stripped"; fi
    done < <(find "$tmpx" -type f -perm -u+x)
    rm -rf "$tmpx"
  done
  for f in "${rpms[@]}"; do
    rpm -qp --queryformat '  %{NAME}: License %{LICENSE}, %{SIZE} bytes installed\n' "$f" 2>/dev/null
  done
  rpm -qp --configfiles "$out"/halobestie-backend-*.rpm 2>/dev/null | grep -qx /etc/halobestie/backend.env \
    || hb_die "backend.env is not a %config file in the .rpm"

  step "lintian, appstreamcli, systemd-analyze security"
  # Errors fail the check. Suppressed (packaging/linux/lintian-suppress): no-manual-page (the
  # programs document themselves with --help; man pages are a TODO) and non-standard-file-perm
  # (backend.env is 0640 on purpose: it may hold a database password).
  lintian_out=$(lintian --suppress-tags-from-file packaging/linux/lintian-suppress "${debs[@]}" || true)
  if [[ -n $lintian_out ]]; then echo "$lintian_out" | sed 's/^/  /'; fi
  if grep -q '^E:' <<<"$lintian_out"; then hb_die "lintian reports errors"; fi
  appstreamcli validate --no-net packaging/linux/id.halobestie.controlcenter.metainfo.xml
  unit=$build/packaging/halobestie-backend.service
  grep -qx 'ExecStart=/usr/bin/halobestie-backend' "$unit" || hb_die "ExecStart is not /usr/bin"
  score=$(systemd-analyze security --offline=yes "$unit" 2>/dev/null | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
  echo "  systemd-analyze security: $score"
  awk -v s="$score" 'BEGIN { exit !(s != "" && s <= 3.0) }' || hb_die "unit exposure $score > 3.0"

}

work=$(mktemp -d /tmp/hb-package-check.XXXXXX)
backend_pid=
cleanup() {
  [[ -n $backend_pid ]] && kill "$backend_pid" 2>/dev/null || true
  for r in "$work"/a "$work"/b; do
    [[ -d $r/var/lib/postgresql ]] && chroot "$r" sh -c 'pg_ctlcluster --mode immediate 15 main stop' >/dev/null 2>&1 || true
    [[ -f $r/tmp/redis.pid ]] && kill "$(cat "$r/tmp/redis.pid")" 2>/dev/null || true
  done
  hb_root_cleanup
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

check_install() {
  local debs=("$out"/halobestie-*.deb)
  ((${#debs[@]} == 3)) || hb_die "no packages in $out: run the 'packages' part first"
  step "root A: install the .debs with apt"
  root=$work/a
  hb_root_new "$root"
  mkdir -p "$root/packages" && cp "${debs[@]}" "$root/packages/"
  local in_root=()
  for f in "${debs[@]}"; do in_root+=("/packages/$(basename "$f")"); done
  hb_root_apt "$root" "${in_root[@]}" redis-server postgresql xvfb xauth systemd
  chroot "$root" getent passwd halobestie >/dev/null || hb_die "no halobestie user"
  # Names as the root sees them (its halobestie group's id means nothing on the host).
  local mode
  mode=$(chroot "$root" stat -c '%a %U:%G' /etc/halobestie/backend.env)
  [[ $mode == "640 root:halobestie" ]] || hb_die "backend.env is $mode"
  grep -qx /etc/halobestie/backend.env "$root/var/lib/dpkg/info/halobestie-backend.conffiles" \
    || hb_die "backend.env is not a conffile"
  local secret
  for secret in jwt-secret staff-jwt-secret; do
    mode=$(chroot "$root" stat -c '%a %U:%G' "/etc/halobestie/$secret") || hb_die "no $secret"
    [[ $mode == "640 root:halobestie" ]] || hb_die "$secret is $mode"
  done
  cmp -s "$root/etc/halobestie/jwt-secret" "$root/etc/halobestie/staff-jwt-secret" \
    && hb_die "the two token keys are the same"
  [[ -L $root/etc/systemd/system/multi-user.target.wants/halobestie-backend.service ]] \
    || hb_die "the service is not enabled"
  [[ -f $root/usr/lib/x86_64-linux-gnu/qt6/plugins/iconengines/libqsvgicon.so ]] \
    || hb_die "the SVG icon engine (libqt6svg6) is not installed with the control center"
  chroot "$root" systemd-analyze verify /usr/lib/systemd/system/halobestie-backend.service
  echo "  installed; user, settings, enable link, unit verified"

  step "root A: Valkey, PostgreSQL, then the backend as the unit runs it"
  vport=$(hb_free_port); pport=$(hb_free_port); lport=$(hb_free_port)
  chroot "$root" runuser -u redis -- redis-server --port "$vport" --bind 127.0.0.1 --save '' \
    --daemonize yes --pidfile /tmp/redis.pid --dir /tmp
  sed -i "s/^port = .*/port = $pport/; s/^#\?listen_addresses = .*/listen_addresses = ''/" \
    "$root"/etc/postgresql/15/main/postgresql.conf
  mkdir -p "$root/run/postgresql" && chroot "$root" chown postgres:postgres /run/postgresql
  chroot "$root" pg_ctlcluster 15 main start
  chroot "$root" runuser -u postgres -- createuser -p "$pport" halobestie
  chroot "$root" runuser -u postgres -- createdb -p "$pport" -O halobestie halobestie
  # What the operator edits (README.Debian): the ports of this check's servers.
  sed -i "s#^HALOBESTIE_LISTEN=.*#HALOBESTIE_LISTEN=127.0.0.1:$lport#; \
  s#^HALOBESTIE_VALKEY_URL=.*#HALOBESTIE_VALKEY_URL=redis://127.0.0.1:$vport/0#; \
  s#^HALOBESTIE_DATABASE_URL=.*#HALOBESTIE_DATABASE_URL=\"postgresql:///halobestie?host=/var/run/postgresql\&port=$pport\"#" \
    "$root/etc/halobestie/backend.env"
  # The unit's user and group and its environment file; setpriv execs (no process in between),
  # so the PID below is the backend's own.
  local as_unit='set -a; . /etc/halobestie/backend.env; set +a; exec "$@"'
  local as_user=(setpriv --reuid=halobestie --regid=halobestie --init-groups)
  chroot "$root" "${as_user[@]}" sh -c "$as_unit" sh halobestie-backend migrate
  chroot "$root" "${as_user[@]}" sh -c "$as_unit" sh halobestie-backend \
    >"$work/backend.log" 2>&1 &
  backend_pid=$!
  health=
  for _ in $(seq 1 120); do
    health=$(curl -fsS "http://127.0.0.1:$lport/health" 2>/dev/null) && break
    kill -0 "$backend_pid" 2>/dev/null || { cat "$work/backend.log"; hb_die "the backend exited"; }
    sleep 0.5
  done
  [[ -n $health ]] || { cat "$work/backend.log"; hb_die "no /health answer"; }
  echo "  /health: $health"
  kill -TERM "$backend_pid"; wait "$backend_pid" || true; backend_pid=

  step "root A: the control center under Xvfb"
  version=$(chroot "$root" xvfb-run -a halobestie-controlcenter --version 2>&1 | tail -n 1)
  echo "  $version"
  [[ $version == *"$(sed -n 's/^  VERSION \(.*\)$/\1/p' CMakeLists.txt)"* ]] || hb_die "unexpected: $version"

  step "root A: purge"
  chroot "$root" pg_ctlcluster 15 main stop
  chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq halobestie-backend >/dev/null
  chroot "$root" getent passwd halobestie >/dev/null && hb_die "purge left the halobestie user"
  [[ -e $root/etc/halobestie ]] && hb_die "purge left /etc/halobestie"
  echo "  user and settings removed"

}

check_cc_only() {
  step "root B: the control center alone, with Qt only"
  rootb=$work/b
  hb_root_new "$rootb"
  hb_root_apt "$rootb" cmake ninja-build g++ pkg-config qt6-base-dev qt6-websockets-dev \
    qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools \
    qt6-base-dev-tools libgl-dev libqt6opengl6-dev libxkbcommon-dev libvulkan-dev
  for p in libhiredis-dev libpqxx-dev libsodium-dev; do
    chroot "$rootb" dpkg -s "$p" >/dev/null 2>&1 && hb_die "$p must not be in root B"
  done
  mkdir -p "$rootb/src" && mount --bind -o ro "$PWD" "$rootb/src" && hb_root_mounts+=("$rootb/src")
  chroot "$rootb" cmake -S /src -B /tmp/cc -G Ninja -DHB_BUILD_BACKEND=OFF -DHB_BUILD_TOOLS=OFF \
    >"$work/cc-configure.log" 2>&1 || { cat "$work/cc-configure.log"; hb_die "control center configure failed"; }
  echo "  configured without hiredis, libpqxx, libsodium"

}

if [[ $parts == *" packages "* ]]; then check_packages; fi
if [[ $parts == *" install "* ]]; then check_install; fi
if [[ $parts == *" cc-only "* ]]; then check_cc_only; fi
step "passed in $((SECONDS - start)) s"
