#!/bin/sh
# Memory safety of the C side: builds the C test driver (src/main/c/selftest.c: the kernel with a
# fast-forward window, the loopback chip and the virtual chip with a small network, its loopback route, CADC samples and a processor
# program, every error path it can reach, everything freed) twice and runs it
#   1. under valgrind --leak-check=full (definite, indirect and possible leaks and invalid accesses fail), and
#   2. built with -fsanitize=address,undefined,leak (LeakSanitizer at exit).
# Exits non-zero on any finding. Usage: native/scripts/memcheck.sh
set -eu
cd "$(dirname "$0")/.."
out=${TMPDIR:-/tmp}/engram-memcheck.$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT
src=src/main/c
flags="-std=c11 -Wall -Wextra -Werror -g -O1 -fwrapv -ffp-contract=off"
cc=${CC:-gcc}
chip="$src/engram_chip_virtual.c $src/vc_model.c $src/vc_ppu.c $src/vc_loopback.c"
$cc $flags -o "$out/selftest" $src/selftest.c $src/engram_kernel.c $src/fdlibm.c $chip -lm
if command -v valgrind >/dev/null 2>&1; then
  echo "== valgrind"
  valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
    --error-exitcode=9 "$out/selftest"
else
  echo "valgrind not installed: skipping that pass" >&2
fi
echo "== AddressSanitizer + UndefinedBehaviorSanitizer + LeakSanitizer"
$cc $flags -fsanitize=address,undefined,leak -fno-omit-frame-pointer -fno-sanitize-recover=all \
  -o "$out/selftest-asan" $src/selftest.c $src/engram_kernel.c $src/fdlibm.c $chip -lm
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$out/selftest-asan"
echo "memcheck: clean"
