#!/usr/bin/env bash
# Pattern completion Q against assembly size (Luboeinski & Tetzlaff 2021, Fig. 3): for assemblies of
# 100, 150, 200 and 250 neurons, learning, then recall of half the assembly 10 s later and after 8 h of
# fast-forward consolidation. Writes the generated experiments and runs to target/assembly-size-sweep/
# and prints a table. Usage: examples/assembly-size-sweep.sh [SIZES...] [-- extra engram run options]
# e.g. examples/assembly-size-sweep.sh 100 250 -- --device 'sim:?threads=2'
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=(); extra=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; extra=("$@"); break; fi
  sizes+=("$1"); shift
done
[ ${#sizes[@]} -gt 0 ] || sizes=(100 150 200 250)
out="$root/target/assembly-size-sweep"
mkdir -p "$out"

q_of() { sed -n 's/.*"q": \([-0-9.eE]*\).*/\1/p' "$1" | head -1; }

printf '%-8s %-10s %-10s\n' size "Q(10 s)" "Q(8 h)"
for n in "${sizes[@]}"; do
  half=$((n / 2))
  for kind in 10s 8h; do
    # the examples select the assembly with "count: 150" and the recalled half with "count: 75"
    sed -e "s/count: 150/count: $n/g" -e "s/count: 75/count: $half/g" \
        -e "s/^name: p1-consolidation-$kind/name: p1-assembly-$n-$kind/" \
        "$root/examples/p1-consolidation-$kind.yaml" > "$out/p1-assembly-$n-$kind.yaml"
    "$root/engram" run "$out/p1-assembly-$n-$kind.yaml" --out "$out/runs/p1-assembly-$n-$kind" --quiet "${extra[@]}" > "$out/p1-assembly-$n-$kind.log"
  done
  printf '%-8s %-10s %-10s\n' "$n" "$(q_of "$out/runs/p1-assembly-$n-10s/summary.json")" \
      "$(q_of "$out/runs/p1-assembly-$n-8h/summary.json")"
done
