#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang in build/fuzz and runs each for SECONDS
# (default 20), one after the other on one core, starting from the seed corpus in
# tests/fuzz/corpus/<target>/. Fails on the first crash, leak, sanitizer report or broken
# property; the input that did it is kept in build/fuzz/artifacts/.
#   scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. scripts/fuzz.sh 600 jwt client_message
# Prints the executions each target ran. Inputs it finds are kept in build/fuzz/corpus/ (not
# the tree's seed corpus) so later runs start from them.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
shift || true
[[ $seconds =~ ^[0-9]+$ ]] || { echo "fuzz.sh: SECONDS must be a number, got '$seconds'" >&2; exit 2; }
targets=("$@")
((${#targets[@]})) || targets=(client_message server_message jwt iso_time bus_payload valkey_reply)

build=build/fuzz
if [[ ! -f $build/build.ninja ]]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DHB_FUZZ=ON -DHB_BUILD_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j"${HB_FUZZ_BUILD_JOBS:-2}" >/dev/null

mkdir -p "$build/artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for t in "${targets[@]}"; do
  seeds=tests/fuzz/corpus/$t
  work=$build/corpus/$t
  [[ -d $seeds && -x $build/tests/fuzz/fuzz_$t ]] || { echo "fuzz.sh: no target '$t'" >&2; exit 2; }
  mkdir -p "$work"
  log=$build/fuzz_$t.log
  if "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" "$work" "$seeds" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    printf 'fuzz %-15s ok: %s executions in %s s (%s/s), corpus %s inputs\n' \
      "$t" "${runs:-?}" "$seconds" "${rate:-?}" "$(ls "$work" | wc -l)"
  else
    echo "fuzz $t FAILED (log: $log):"
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written|deadly signal' "$log" | head -20 || tail -30 "$log"
    status=1
  fi
done
exit $status
