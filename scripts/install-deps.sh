#!/usr/bin/env bash
# Installs everything HaloBestie needs to build, test and run, from Debian 12 packages only.
# Idempotent: packages already present are left alone. Works as root or through sudo.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates curl iproute2
  # Qt 6.4
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-charts-dev qt6-svg-dev qt6-httpserver-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libgl-dev
  libqt6opengl6-dev libxkbcommon-dev libvulkan-dev
  qt6-qpa-plugins
  # storage clients and crypto
  libhiredis-dev libpqxx-dev libpq-dev libsodium-dev
  # TLS: the Qt OpenSSL backend at run time, the openssl CLI that makes test certificates
  libssl3 openssl
  # servers the stack and the tests start on loopback (redis-server 7 speaks Valkey's protocol)
  redis-server redis-tools postgresql postgresql-client
  # the protocol contract check (tests/contract validates against docs/asyncapi.yaml)
  python3 python3-yaml python3-jsonschema
  # running the desktop app headless (screenshots, end-to-end GUI tests)
  xvfb xauth x11-apps imagemagick fonts-dejavu-core
  # sanitizer runtimes
  libasan8 libubsan1
  # fuzzing (scripts/fuzz.sh): clang 14 with libFuzzer and its sanitizer runtimes
  clang clang-14 libclang-rt-14-dev llvm-14
)

if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-deps: run as root or install sudo" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

# The packaged services must not hold the default ports or data: the project starts its own
# servers on free loopback ports with throwaway data. Stop the distro's instances if the
# package installation started them (harmless when there is no init system).
for svc in redis-server postgresql; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    "${SUDO[@]}" systemctl stop "$svc" || true
  fi
done
echo "install-deps: done"
