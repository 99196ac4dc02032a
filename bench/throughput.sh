#!/usr/bin/env bash
# PDFs per second of two builds, run alternately (this machine's speed drifts by ±20% within
# minutes: only alternating runs compare builds). Prints, for `yoshiki batch -j 1` and `-j 2`
# over the 出資等に関する報告書 (様式第22) alone and over all twelve forms, the median PDFs/s of
# each build, the change, and every run's figure. Asserts nothing.
#
#   bench/throughput.sh BIN_A BIN_B [ROUNDS] [APPLICANTS]   (default: 5 rounds; 1,000 applicants
#                                                             of the 様式第22, 200 with every form)
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1 B=$2 ROUNDS=${3:-5} N=${4:-1000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/yoshiki-throughput.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
python3 bench/generate.py --count "$N" --forms report "$WORK/report" >/dev/null
python3 bench/generate.py --count "$((N / 5))" --forms every "$WORK/every" >/dev/null

# One run: "SET JOBS SIDE PDFS_PER_SECOND", from batch's summary line (…（406 PDF/秒）).
run() {
  local set=$1 jobs=$2 side=$3 bin=$4 out
  out=$(mktemp -d "$WORK/out.XXXXXX")
  "$bin" batch "$WORK/$set" --out "$out" -j "$jobs" 2>&1 >/dev/null \
    | sed -n 's/.*（\([0-9.]*\) PDF\/秒）.*/\1/p' | head -1 | awk -v s="$set -j$jobs $side" '{ print s, $1 }'
  # Deleted in the background: deleting thousands of files just before a run slows the next.
  rm -rf "$out" &
}
for _ in $(seq "$ROUNDS"); do
  for set in report every; do
    for jobs in 1 2; do
      run "$set" "$jobs" A "$A"
      run "$set" "$jobs" B "$B"
    done
  done
done | python3 -c '
import collections, statistics, sys
rates = collections.defaultdict(list)
for line in sys.stdin:
    set_, jobs, side, rate = line.split()
    rates[(set_, jobs, side)].append(float(rate))
names = {"report": "出資等に関する報告書 only", "every": "all twelve forms"}
print("%8s %8s %7s  run (PDFs/s, median; every run of A, then of B)" % ("A", "B", "change"))
for set_ in ("report", "every"):
    for jobs in ("-j1", "-j2"):
        a, b = rates[(set_, jobs, "A")], rates[(set_, jobs, "B")]
        ma, mb = statistics.median(a), statistics.median(b)
        runs = " ".join("%.0f" % r for r in a) + " / " + " ".join("%.0f" % r for r in b)
        print(f"{ma:8.0f} {mb:8.0f} {100 * (mb - ma) / ma:+6.1f}%  batch {jobs}, {names[set_]} ({runs})")
'
wait
