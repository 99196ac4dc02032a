#!/usr/bin/env bash
# Compile and export per form of two builds, run alternately (this machine's speed drifts by
# ±20% within minutes: only alternating runs compare builds). Prints, per form, the median
# compile time of each, the change, and the median export time of each. Asserts nothing.
#
#   bench/compare.sh BIN_A BIN_B [ROUNDS] [APPLICANTS]     (default: 7 rounds, 60 applicants)
#
# Each round runs `BIN batch DIR -j 1 --timings` with A, then with B, over the same generated
# applicants with all twelve forms (bench/generate.py --forms every). TEMPLATES_A or TEMPLATES_B
# (a folder) makes that side use `--templates`, to price a template change without a build.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1 B=$2 ROUNDS=${3:-7} N=${4:-60}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/yoshiki-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
python3 bench/generate.py --count "$N" --forms every "$WORK/every" >/dev/null

# One run: "SIDE FORM COMPILE EXPORT" per form, from --timings' per-form lines.
run() {
  local side=$1 bin=$2 templates=$3 out args=()
  out=$(mktemp -d "$WORK/out.XXXXXX")
  [ -n "$templates" ] && args=(--templates "$templates")
  "$bin" batch "$WORK/every" --out "$out" -j 1 --timings "${args[@]}" 2>&1 >/dev/null \
    | sed -n '/様式ごと/,/書き込み/p' | sed '1d;$d' | awk -v s="$side" '{ print s, $NF, $3, $5 }'
}
for _ in $(seq "$ROUNDS"); do
  run A "$A" "${TEMPLATES_A:-}"
  run B "$B" "${TEMPLATES_B:-}"
done | python3 -c '
import collections, statistics, sys
times = collections.defaultdict(list)
for line in sys.stdin:
    side, form, compile_ms, export_ms = line.split()
    times[(form, side)].append((float(compile_ms), float(export_ms)))
print("%10s %10s %7s  %9s %9s  form (ms per PDF, median)" % ("compile A", "compile B", "change", "export A", "export B"))
for form in sorted({f for f, _ in times}):
    a = [c for c, _ in times[(form, "A")]]; b = [c for c, _ in times[(form, "B")]]
    ea = [e for _, e in times[(form, "A")]]; eb = [e for _, e in times[(form, "B")]]
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{ma:10.3f} {mb:10.3f} {100 * (mb - ma) / ma:+6.1f}%  {statistics.median(ea):9.3f} {statistics.median(eb):9.3f}  {form}")
'
