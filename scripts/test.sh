#!/usr/bin/env bash
# README command 2: sets up and runs every test. Installs dependencies, then builds and runs the
# whole suite twice: the developer build, and the AddressSanitizer + UBSan build. Tests that need
# Valkey or PostgreSQL start their own servers on loopback; none is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

presets=(${HB_TEST_PRESETS:-dev asan})
for preset in "${presets[@]}"; do
  echo "=== $preset: configure, build, test ==="
  cmake --preset "$preset"
  cmake --build --preset "$preset"
  ctest --preset "$preset"
done
# Every fuzz target briefly (clang, libFuzzer, ASan + UBSan): a crash on the seed corpus or
# within HB_FUZZ_SECONDS fails the run. Longer runs: scripts/fuzz.sh SECONDS.
echo "=== fuzz: ${HB_FUZZ_SECONDS:-20} s per target ==="
bash scripts/fuzz.sh "${HB_FUZZ_SECONDS:-20}"
# The Linux packages on a clean Debian 12 root, and the control center configured with Qt only
# (needs root: debootstrap, chroot). HB_PACKAGE_CHECK=0 skips it on a developer machine.
if [[ ${HB_PACKAGE_CHECK:-1} == 1 ]]; then
  echo "=== package check ==="
  # Packages the dev build just tested (no third build). Needs root, like install-deps.sh: a
  # user with sudo runs it through sudo.
  as_root=()
  [[ $(id -u) -eq 0 ]] || as_root=(sudo)
  "${as_root[@]}" env HB_PACKAGE_PRESET="${HB_PACKAGE_PRESET:-dev}" bash scripts/package-check.sh
fi
echo "=== all tests passed (${presets[*]}, fuzz, packages) ==="
