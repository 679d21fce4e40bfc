#!/bin/sh
# Regenerates the checked-in FFM bindings (src/main/java/org/engram/nativelib/ffi) from the C headers
# with jextract 22+. jextract is not installable from the registries this project can reach, so the
# generated files are committed; run this where jextract is installed (on PATH, or
# JEXTRACT=/path/to/bin/jextract). With --check it regenerates into a temp dir and diffs instead.
set -eu
cd "$(dirname "$0")/.."
JEXTRACT=${JEXTRACT:-jextract}
PKG=org.engram.nativelib.ffi
DIR=src/main/java/$(echo "$PKG" | tr . /)
if ! command -v "$JEXTRACT" >/dev/null 2>&1; then
  echo "jextract not found: keeping the checked-in bindings in $DIR" >&2
  exit 0
fi
out=src/main/java
if [ "${1:-}" = "--check" ]; then out=$(mktemp -d); fi
[ "$out" = src/main/java ] && rm -rf "$DIR"
# No --library: the bindings use SymbolLookup.loaderLookup(); NativeLibraries.loadForFfm() System.load()s
# the .so first (from the class path, a jar, or -Dengram.native.lib / -Dengram.chip.lib).
kernel_functions="ek_abi_version ek_philox_block ek_strict_math ek_strerror ek_create ek_destroy ek_last_error ek_set_neurons
  ek_set_normal_table ek_add_rule ek_set_plastic ek_add_projection ek_add_stimulus ek_add_spike_recording ek_add_trace
  ek_set_switches ek_set_late_phase ek_set_fast_forward ek_prepare ek_run ek_read_synapse ek_counters"
chip_functions="ec_abi_version ec_strerror ec_open ec_query ec_last_error ec_write_config ec_load_program ec_write_memory
  ec_read_memory ec_run ec_read_spikes ec_read_samples ec_close"
args=""
for f in $kernel_functions; do args="$args --include-function $f"; done
# shellcheck disable=SC2086
"$JEXTRACT" --output "$out" --target-package "$PKG" --header-class-name engram_kernel_h $args \
  --include-constant EK_ABI_VERSION --include-constant EK_OK --include-constant EK_DONE src/main/c/engram_kernel.h
args=""
for f in $chip_functions; do args="$args --include-function $f"; done
# shellcheck disable=SC2086
"$JEXTRACT" --output "$out" --target-package "$PKG" --header-class-name engram_chip_h $args --include-struct ec_info \
  --include-constant EC_ABI_VERSION --include-constant EC_OK src/main/c/engram_chip.h
if [ "$out" != src/main/java ]; then
  diff -r "$out/$(echo "$PKG" | tr . /)" "$DIR" && echo "bindings up to date"
  rm -rf "$out"
fi
