#!/usr/bin/env bash
# Runs the libFuzzer harnesses for longer than CI does, one after the other (or JOBS at a
# time), each over a corpus kept between runs in $CORPUS/<harness> (seeded from the build's
# seeds/), at nice 19. Findings land in $CORPUS/artifacts/ and make the script exit 1.
#
#   fuzz/run_long.sh [SECONDS] [HARNESS...]
#     SECONDS  per harness, default 900 (15 minutes)
#     HARNESS  load, generate, diff (default: all three)
#   BUILD=build-fuzz   the -DDYNAMODEL_FUZZ=ON build folder (made if missing)
#   CORPUS=$BUILD/fuzz/long-corpus   JOBS=1   libFuzzer's -jobs/-workers are not used
#
# At the end it prints, per harness, libFuzzer's last status line (cov: coverage points,
# ft: features, corp: corpus size) and the number of executions.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
SECONDS_EACH=${1:-900}
shift || true
HARNESSES=("$@")
[ ${#HARNESSES[@]} -gt 0 ] || HARNESSES=(load generate diff)
BUILD=${BUILD:-$ROOT/build-fuzz}
CORPUS=${CORPUS:-$BUILD/fuzz/long-corpus}
JOBS=${JOBS:-1}

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -gline-tables-only" -DDYNAMODEL_FUZZ=ON >/dev/null
fi
targets=()
for h in "${HARNESSES[@]}"; do targets+=("fuzz_$h"); done
nice cmake --build "$BUILD" --target "${targets[@]}"

mkdir -p "$CORPUS/artifacts"
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
run_one() {
  local h=$1 seeds=$BUILD/fuzz/seeds/model
  [ "$h" = diff ] && seeds=$BUILD/fuzz/seeds/diff
  mkdir -p "$CORPUS/$h"
  nice -n 19 "$BUILD/fuzz/fuzz_$h" -max_total_time="$SECONDS_EACH" -timeout=60 -rss_limit_mb=2048 -max_len=65536 \
    -dict="$ROOT/fuzz/yaml.dict" -artifact_prefix="$CORPUS/artifacts/$h-" -print_final_stats=1 \
    "$CORPUS/$h" "$seeds" >"$CORPUS/$h.log" 2>&1
}
pids=()
names=()
for h in "${HARNESSES[@]}"; do
  run_one "$h" &
  pids+=($!)
  names+=("$h")
  if [ ${#pids[@]} -ge "$JOBS" ]; then
    wait "${pids[0]}" || { echo "fuzz_${names[0]}: FINDING (see $CORPUS/${names[0]}.log)"; status=1; }
    pids=("${pids[@]:1}")
    names=("${names[@]:1}")
  fi
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || { echo "fuzz_${names[$i]}: FINDING (see $CORPUS/${names[$i]}.log)"; status=1; }
done
for h in "${HARNESSES[@]}"; do
  echo "fuzz_$h: $(grep -E '^#[0-9]+' "$CORPUS/$h.log" | tail -n 1)"
  echo "fuzz_$h: $(grep -E 'stat::number_of_executed_units' "$CORPUS/$h.log"), corpus files: $(find "$CORPUS/$h" -type f | wc -l)"
done
exit $status
