#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The project's one entry point for people and CI:
#   ./dev.sh example   install what is missing, build the `semilla` program only, run the example
#                      programme
#   ./dev.sh test      install what is missing, build with warnings as errors, run every test
#   ./dev.sh bench     build in Release and run the benchmarks
#   ./dev.sh bench compare N   Semilla beside ledger-cli on a generated book of N transactions
#                      (bench/compare.sh; a Markdown table of times, peak memory and size)
set -euo pipefail
cd "$(dirname "$0")"

# Debian 12 packages the build and the tests need.
# gettext compiles the Spanish messages (po/) and, for the tests, checks their catalogue.
PACKAGES=(g++ cmake make pkg-config libsqlitecpp-dev libsqlite3-dev sqlite3 libboost-dev
          libssl-dev nlohmann-json3-dev libcli11-dev libgtest-dev libgmock-dev tzdata gettext)
# Only the tests need these: independent verifiers (Go's x/mod, Python with cryptography)
# that check Semilla's checkpoints, proofs and bundles without Semilla's code; hledger reads
# the journal export.
# clang builds the libFuzzer target of the batch importer (gcc has no -fsanitize=fuzzer).
# Chromium renders the HTML pages headless and Pillow reads its screenshots (tests/html_e2e).
TEST_PACKAGES=(golang-go golang-golang-x-mod-dev python3-cryptography hledger
               clang libclang-rt-14-dev chromium python3-pil)
# Only the comparison benchmark needs ledger-cli.
BENCH_PACKAGES=(ledger)

install_missing() {  # install_missing [PACKAGE...]: PACKAGES and these
  local missing=()
  for p in "${PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$p")
  done
  # valijson is unpacked, not installed: its package drags in Qt and Poco (see the script).
  scripts/fetch-valijson.sh
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
}

build() {  # build DIR TYPE [cmake options...]: every target, or only $TARGET when it is set
  local dir=$1 type=$2
  shift 2
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  cmake --build "$dir" -j"$(nproc)" ${TARGET:+--target "$TARGET"}
}

case "${1:-}" in
  example)
    install_missing
    # The example needs the command-line program alone: building the tests too would make a
    # newcomer's first command several times slower (`./dev.sh test` builds them).
    TARGET=semilla build build RelWithDebInfo
    SEMILLA=$PWD/build/cli/semilla examples/semillas.sh build/example
    ;;
  test)
    install_missing "${TEST_PACKAGES[@]}"
    build build RelWithDebInfo -DSEMILLA_WERROR=ON
    # The fuzz target alone, built by clang beside the gcc build; its test runs it for 10 s.
    cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
      -DSEMILLA_BUILD_TESTS=OFF -DSEMILLA_BUILD_BENCH=OFF >/dev/null
    cmake --build build-fuzz -j"$(nproc)" --target fuzz_batch_import
    SEMILLA_FUZZ_BATCH=$PWD/build-fuzz/ledger/exchange/fuzz_batch_import \
      ctest --test-dir build --output-on-failure -j"$(nproc)"
    tests/style/check.sh
    ;;
  bench)
    install_missing "${BENCH_PACKAGES[@]}"
    if [ "${2:-}" = compare ]; then
      # The program and the generator only: the comparison runs whole processes.
      cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DSEMILLA_BUILD_TESTS=OFF >/dev/null
      cmake --build build-release -j"$(nproc)" --target semilla programme_gen
      bench/compare.sh "${3:-100000}" build-release
      exit 0
    fi
    build build-release Release -DSEMILLA_BUILD_TESTS=OFF
    for b in build-release/bench/bench_*; do "$b" "${@:2}"; done
    ;;
  *)
    echo "usage: ./dev.sh example|test|bench" >&2
    exit 2
    ;;
esac
