#!/usr/bin/env bash
# The four single-synapse protocols (8 h each) on the virtual BrainScaleS-2 chip and on the float64
# emulator, with the virtual chip's speed and the hardware time a real chip would take at the speed-up.
# Usage: examples/bss2-virtual-protocols.sh [device options, e.g. "?seed=2&spread=0.05"]
# Writes target/bss2-virtual/<protocol>-{chip,f64}/ and prints a table (docs/brainscales.md, "Results").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
opts="${1:-}"
out="$root/target/bss2-virtual"
mkdir -p "$out"
printf '| protocol | device | h(8 h) | z(8 h) | w(8 h) | wall s | bio s per wall s | hardware s at 1000x |\n|---|---|---|---|---|---|---|---|\n'
for p in stet wtet slfs wlfs; do
  for dev in "brainscales2:virtual$opts" sim:float64; do
    tag=$([ "$dev" = sim:float64 ] && echo f64 || echo chip)
    log="$out/$p-$tag.log"
    "$root/engram" run "$root/examples/single-synapse-$p.yaml" --device "$dev" --out "$out/$p-$tag" > "$log" 2>&1
    syn=$(grep -m1 'syn 0->0' "$log" | sed 's/.*h = \([-0-9.]*\) mV *z = \([-0-9.]*\) *w = \([-0-9.]*\) mV.*/\1 | \2 | \3/')
    wall=$(grep -m1 'simulated' "$log" | sed 's/.* in \([0-9.]*\) \(m\{0,1\}s\) wall.*/\1 \2/' | awk '{ printf "%.3f", $2 == "ms" ? $1 / 1000 : $1 }')
    speed=$(awk -v w="$wall" 'BEGIN { printf "%.0f", 28800 / w }')
    hw=$([ "$tag" = chip ] && echo 28.8 || echo -)
    printf '| %s | %s | %s | %s | %s | %s |\n' "${p^^}" "$dev" "$syn" "$wall" "$speed" "$hw"
  done
done
