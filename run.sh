#!/usr/bin/env bash
# One entry point for people and CI on a fresh Debian 12 machine:
#   ./run.sh examples   install what is missing, build, validate the bundled examples and
#                       generate every target for them into out/<target>/
#   ./run.sh test       install what is missing, build, run every test (CI=true: -Werror)
#   ./run.sh build      install what is missing and build only
#   ./run.sh sanitize   only the ASan+UBSan unit tests and the short fuzz runs (part of test)
#   ./run.sh fuzz [SECONDS] [HARNESS...]   fuzz longer (fuzz/run_long.sh; default 900 s each)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
BUILD=${DYNAMODEL_BUILD_DIR:-$ROOT/build}

# Debian packages the build and the tests need (see ../shared/verification.md).
APT_PACKAGES=(cmake ninja-build g++ pkg-config curl libyaml-cpp-dev libcli11-dev catch2
              nlohmann-json3-dev libkainjow-mustache-dev libcurl4-openssl-dev libssl-dev libpugixml-dev)

log() { printf '==> [%dm%02ds] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*" >&2; }

# Installs the given Debian packages that are not installed yet (none missing: does nothing).
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_packages() { apt_install "${APT_PACKAGES[@]}"; }

# ccache (Debian's; `test` installs it): a compilation already made, in any clone of the project
# (CCACHE_BASEDIR: paths under the clone are hashed relative to it) or by an earlier test run,
# is read from the cache instead of compiled again: the main build, the sanitizer build (without
# its precompiled header, whose content holds the build folder's path: no other clone could
# reuse what it compiled) and the generated accessors the tests compile (CMake reads
# CMAKE_<LANG>_COMPILER_LAUNCHER from the environment). Without ccache, nothing changes (and
# use_ccache returns 1).
use_ccache() {
  command -v ccache >/dev/null 2>&1 || return 1
  export CMAKE_CXX_COMPILER_LAUNCHER=ccache CMAKE_C_COMPILER_LAUNCHER=ccache
  export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=true
  export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
}

# The real tools the end-to-end tests drive. They come with the machine image (python3 with
# moto, boto3, cfn-lint, jsonschema, PyYAML); PyPI is not reachable, so only the aws CLI has an
# apt fallback.
check_test_tools() {
  command -v aws >/dev/null 2>&1 || apt_install awscli
  # The CLI-script tests lint the generated scripts (shellcheck) and trace what they execute (strace).
  command -v shellcheck >/dev/null 2>&1 || apt_install shellcheck
  command -v strace >/dev/null 2>&1 || apt_install strace
  # The format test checks the C++ sources against .clang-format.
  command -v clang-format-14 >/dev/null 2>&1 || apt_install clang-format-14
  # The tidy test runs clang-tidy (.clang-tidy) on the changed src/*.cpp files.
  command -v clang-tidy-14 >/dev/null 2>&1 || apt_install clang-tidy-14
  # The JUnit and checkstyle output of `validate` is checked against XML Schemas with xmllint.
  command -v xmllint >/dev/null 2>&1 || apt_install libxml2-utils
  # The completion test loads the generated scripts in zsh and fish and renders the man page.
  command -v zsh >/dev/null 2>&1 || apt_install zsh
  command -v fish >/dev/null 2>&1 || apt_install fish
  command -v groff >/dev/null 2>&1 || apt_install groff-base
  command -v man >/dev/null 2>&1 || apt_install man-db
  local bad=0
  for tool in python3 moto_server cfn-lint; do
    command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool is missing (it comes with the machine image)" >&2; bad=1; }
  done
  python3 -c 'import boto3, yaml, jsonschema' 2>/dev/null ||
    { echo "run.sh: python3 needs boto3, PyYAML and jsonschema (they come with the machine image)" >&2; bad=1; }
  return $bad
}

# npm tools the end-to-end tests drive (dynalite, ...), pinned in tests/tools/package-lock.json.
# `npm ci` runs again whenever the lock file is newer than the installed node_modules.
install_node_tools() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  local tools=$ROOT/tests/tools
  if [ ! -d "$tools/node_modules" ] || [ "$tools/package-lock.json" -nt "$tools/node_modules" ]; then
    log "installing the npm test tools (npm ci in tests/tools)"
    (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    touch "$tools/node_modules"
  fi
}

# HashiCorp's HCL parser and formatter (the one terraform uses), built from Debian's Go sources
# into tests/tools/bin/hclfmt: the Terraform tests check the generated .tf files with it.
install_hclfmt() {
  local bin=$ROOT/tests/tools/bin/hclfmt
  [ -x "$bin" ] && return 0
  apt_install golang-go golang-github-hashicorp-hcl-v2-dev
  log "building hclfmt from Debian's HCL sources"
  mkdir -p "$(dirname "$bin")"
  GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="${TMPDIR:-/tmp}/dynamodel-gocache" \
    go build -o "$bin.tmp" github.com/hashicorp/hcl/v2/cmd/hclfmt
  mv "$bin.tmp" "$bin"
}

# pre-commit (Debian package) for the test that runs the hooks of .pre-commit-hooks.yaml.
install_pre_commit() {
  command -v pre-commit >/dev/null 2>&1 || apt_install pre-commit
}

# Debian's chromium and cmark-gfm (GitHub's Markdown parser): the report test opens the HTML
# report headless (../shared/verification.md) and renders the Markdown report as GitHub does.
install_chromium() {
  command -v chromium >/dev/null 2>&1 && command -v cmark-gfm >/dev/null 2>&1 && return 0
  apt_install chromium cmark-gfm
}

# The sanitizer build (fuzz/README.md): one extra clang build folder where everything is
# compiled with AddressSanitizer and UndefinedBehaviorSanitizer (-O0, and without ccache a
# precompiled header: it compiles in about half the time of -O1). It runs the unit tests (any sanitizer report stops them) and each libFuzzer
# harness for DYNAMODEL_FUZZ_SECONDS (20 s; ctest -L fuzz, two at a time); any finding fails.
sanitized_checks() {
  apt_install clang libclang-rt-14-dev
  local werror=OFF dir=${DYNAMODEL_FUZZ_BUILD_DIR:-$ROOT/build-fuzz} pch=ON
  use_ccache && pch=OFF
  [ "${CI:-}" = true ] && werror=ON
  log "building with ASan+UBSan and the fuzz harnesses in $dir"
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -gline-tables-only" "-DCMAKE_CXX_FLAGS=-Xclang -fno-pch-timestamp" \
    -DDYNAMODEL_FUZZ=ON -DDYNAMODEL_FUZZ_PCH=$pch \
    -DDYNAMODEL_FUZZ_SECONDS="${DYNAMODEL_FUZZ_SECONDS:-20}" -DDYNAMODEL_WERROR=$werror >/dev/null
  cmake --build "$dir" --parallel "$(nproc)" --target dynamodel_tests fuzz_load fuzz_generate fuzz_diff
  log "unit tests under ASan+UBSan"
  ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$dir/tests/dynamodel_tests"
  log "fuzzing each harness for ${DYNAMODEL_FUZZ_SECONDS:-20} s"
  (cd "$dir" && ctest --output-on-failure -L fuzz -j 2)
}

build() {
  install_packages
  use_ccache || true
  # Warnings are errors in CI (CI=true); elsewhere they are only shown.
  local werror=OFF
  [ "${CI:-}" = true ] && werror=ON
  log "building in $BUILD"
  # Optimised, without debug info: -g costs ~40% more compile time (configure your own
  # RelWithDebInfo build to debug).
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" \
    -DDYNAMODEL_WERROR=$werror >/dev/null
  cmake --build "$BUILD" --parallel "$(nproc)" ${1:+--target "$1"}
}

case "${1:-}" in
  examples)
    build dynamodel
    log "validating examples/*.yaml"
    "$BUILD/dynamodel" validate examples/*.yaml
    log "generating every target into out/<target>/"
    "$BUILD/dynamodel" generate examples/*.yaml --target all --out out
    ;;
  test)
    apt_install ccache
    build
    check_test_tools
    install_node_tools
    install_hclfmt
    install_chromium
    install_pre_commit
    # The test tools next to python3 first on PATH: pyenv's shims cost ~350 CPU-ms per call
    # (tests/e2e/tools.py does the same for a test run on its own).
    PATH="$(python3 -c 'import os, sys; print(os.path.dirname(sys.executable))'):$PATH"
    export PATH
    log "running the tests"
    (cd "$BUILD" && ctest --output-on-failure --timeout 300 -j 2)
    sanitized_checks
    ;;
  sanitize)
    sanitized_checks
    ;;
  fuzz)
    shift
    fuzz/run_long.sh "$@"
    ;;
  build)
    build
    ;;
  *)
    echo "usage: ./run.sh examples | test | build | sanitize | fuzz [SECONDS] [HARNESS...]" >&2
    exit 2
    ;;
esac
