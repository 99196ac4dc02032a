#!/usr/bin/env bash
# The speed and memory bench of yoshiki. Prints its figures; asserts nothing.
#
#   bench/run.sh [N]        (default N = 1000 applicants)
#
# Measures, on the release build:
#   1. `yoshiki batch` over N applicants with the 出資等に関する報告書 only: PDFs/s, wall, peak RSS
#   2. `yoshiki batch` over N applicants with all four forms: wall, peak RSS
#   3. the alternative a user has: one `yoshiki render` process per applicant (same N as 1)
#   4. the first PDF of `yoshiki render` from process start (median of 21 runs)
# Targets (issue 4): (1) ≥ 600 PDFs/s; (2) < 10 s; peak RSS < 150 MB, no higher at 10,000;
# (4) < 50 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package: time)"; exit 2; }
cargo build --release --quiet
BIN=$PWD/target/release/yoshiki
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 bench/generate.py --count "$N" --forms report "$WORK/report"
python3 bench/generate.py --count "$N" --forms all "$WORK/all"

# Runs a command under /usr/bin/time -v; sets WALL (s) and RSS (MB).
measure() {
  /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time" || true
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$WORK/time")
  RSS=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$WORK/time")
}
pdfs_in() { find "$1" -name '*.pdf' | wc -l; }
rate() { awk -v p="$1" -v w="$2" 'BEGIN { printf "%.0f", (w > 0 ? p / w : 0) }'; }

echo "yoshiki bench: N=$N applicants, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-52s %10s %10s %10s %10s\n' "run" "PDFs" "wall s" "PDFs/s" "peak MB"

measure "$BIN" batch "$WORK/report" --out "$WORK/out-report"
P=$(pdfs_in "$WORK/out-report")
printf '%-52s %10d %10.2f %10s %10s\n' "batch, 出資等に関する報告書 only" "$P" "$WALL" "$(rate "$P" "$WALL")" "$RSS"

measure "$BIN" batch "$WORK/all" --out "$WORK/out-all"
P=$(pdfs_in "$WORK/out-all")
printf '%-52s %10d %10.2f %10s %10s\n' "batch, all four forms" "$P" "$WALL" "$(rate "$P" "$WALL")" "$RSS"

measure "$BIN" batch "$WORK/report" --out "$WORK/out-report-j1" -j 1
P=$(pdfs_in "$WORK/out-report-j1")
printf '%-52s %10d %10.2f %10s %10s\n' "batch -j 1, 出資等に関する報告書 only" "$P" "$WALL" "$(rate "$P" "$WALL")" "$RSS"

# The alternative: a shell loop, one process per applicant.
cat >"$WORK/loop.sh" <<EOF
for f in "$WORK"/report/*.toml; do "$BIN" render "\$f" --out "$WORK/out-loop" >/dev/null || exit 1; done
EOF
measure bash "$WORK/loop.sh"
P=$(pdfs_in "$WORK/out-loop")
printf '%-52s %10d %10.2f %10s %10s\n' "one yoshiki render process per applicant" "$P" "$WALL" "$(rate "$P" "$WALL")" "$RSS"

# First PDF from process start: one applicant with one investor.
ONE="$WORK/one.toml"
cp fixtures/sts-two-investors.toml "$ONE"
python3 - "$ONE" <<'EOF'
import sys
p = sys.argv[1]
text = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(text[: text.rfind("[[investment_report.investments]]")])
EOF
python3 - "$BIN" "$ONE" "$WORK/out-one" <<'EOF'
import statistics, subprocess, sys, time
binary, one, out = sys.argv[1:]
runs = []
for _ in range(21):
    start = time.perf_counter()
    subprocess.run([binary, "render", one, "--out", out], check=True, stdout=subprocess.DEVNULL)
    runs.append((time.perf_counter() - start) * 1000)
print(f"{'first PDF of yoshiki render (median of 21, ms)':<52} {statistics.median(runs):10.1f}  (min {min(runs):.1f}, max {max(runs):.1f})")
EOF
ls -l "$WORK"/out-one/*.pdf | awk '{printf "%-52s %10d bytes\n", "size of that one-page PDF", $5}'
