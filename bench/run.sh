#!/usr/bin/env bash
# The speed and memory bench of yoshiki. Prints its figures; asserts nothing.
#
#   bench/run.sh [N] [REPEATS]     (default: N = 1000 applicants, each batch run 3 times; once
#                                   when N is over 2,000)
#
# Measures the dist build (PROFILE=release bench/run.sh: the default optimised build; BIN=path
# bench/run.sh: a binary built elsewhere, e.g. of an older commit, to compare) on N
# synthetic applicants (bench/generate.py):
#   1. `yoshiki batch`, 出資等に関する報告書 only: PDFs/s, wall, peak RSS, and where the time
#      went (--timings: read and check, Typst compile, PDF export, writes)
#   2. `yoshiki batch`, all four forms
#   3. `yoshiki batch -j 1`, 出資等に関する報告書 only
#   4. the alternatives a user has: one `yoshiki render` process per applicant, in a shell loop
#      and with `xargs -P <cores>` (over at most 1,000 of the applicants: their rate is the
#      figure, and 10,000 processes would only take long)
#   5. the first PDF of `yoshiki render`, from process start (median of 21)
#   6. `yoshiki batch` of the same applicants from one xlsx workbook (bench/generate.py --xlsx),
#      出資等に関する報告書 only, with the time to read the workbook and turn its rows into
#      applicant files printed apart from rendering (--timings: 入力の読み込み)
#   7. `yoshiki batch` of applicants with all twelve forms (bench/generate.py --forms every; at
#      most 200 of them), at -j 1 and -j <cores>: docs/s, the scaling efficiency, and compile and
#      export per form on one worker
#   8. `yoshiki watch`'s re-render after a save of the applicant file (median of 11)
# Each batch figure is the median of REPEATS runs (this machine's speed drifts by ±15% from one
# minute to the next); peak RSS is the largest of them. Targets (issue 4): (1) ≥ 600 PDFs/s;
# (2) < 10 s; peak RSS < 150 MB at 1,000 and no higher at 10,000 (`bench/run.sh 10000`);
# (5) < 50 ms.
#
# Outputs go to a fresh folder per run and are deleted only at the end: deleting thousands of
# files just before a run makes file creation slower for minutes on an ext4 without a journal
# (it skips recently freed inodes), which is the disk of this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
REPEATS=${2:-$([ "$N" -gt 2000 ] && echo 1 || echo 3)}

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package: time)"; exit 2; }
command -v python3 >/dev/null || { echo "needs python3 (bench/generate.py)"; exit 2; }
PROFILE=${PROFILE:-dist}
if [ -z "${BIN:-}" ]; then
  cargo build --profile "$PROFILE" --quiet
  BIN=${CARGO_TARGET_DIR:-$PWD/target}/$PROFILE/yoshiki
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/yoshiki-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

"$BIN" schema >"$WORK/schema.json"
python3 bench/generate.py --count "$N" --forms report --xlsx "$WORK/applicants.xlsx" \
  --schema "$WORK/schema.json" "$WORK/report"
python3 bench/generate.py --count "$N" --forms all "$WORK/all"
EVERY=$(( N < 200 ? N : 200 ))
python3 bench/generate.py --count "$EVERY" --forms every "$WORK/every"

# Runs a command under /usr/bin/time -v; sets WALL (s) and RSS (MB); its stderr is in $WORK/err.
RUN=0
measure() {
  /usr/bin/time -v -o "$WORK/time" "$@" >/dev/null 2>"$WORK/err" || true
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$WORK/time")
  RSS=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$WORK/time")
}
pdfs_in() { find "$1" -name '*.pdf' | wc -l; }
rate() { awk -v p="$1" -v w="$2" 'BEGIN { printf "%.0f", (w > 0 ? p / w : 0) }'; }
row() { printf '%-46s %7s %8s %8s %8s  %s\n' "$@"; }

# A batch run REPEATS times: prints the median wall, its PDFs/s and the largest peak RSS.
# Keeps the --timings of the median run in $WORK/timings.
batch_row() {
  local label=$1 input=$2; shift 2
  local walls=() max_rss=0 pdfs=0 i
  RUN=$((RUN + 1))
  for i in $(seq "$REPEATS"); do
    local out="$WORK/out-$RUN-$i"
    measure "$BIN" batch "$input" --out "$out" --timings "$@"
    pdfs=$(pdfs_in "$out")
    walls+=("$WALL")
    cp "$WORK/err" "$WORK/timings-$WALL"
    max_rss=$(awk -v a="$max_rss" -v b="$RSS" 'BEGIN { print (b > a ? b : a) }')
  done
  local sorted median
  sorted=$(printf '%s\n' "${walls[@]}" | sort -g)
  median=$(printf '%s\n' "$sorted" | sed -n "$(( (REPEATS + 1) / 2 ))p")
  sed -n '/入力の読み込み/,$p' "$WORK/timings-$median" >"$WORK/timings"
  LAST_RATE=$(rate "$pdfs" "$median")
  row "$label" "$pdfs" "$median" "$LAST_RATE" "$max_rss" "runs: $(echo $sorted)"
}

echo "yoshiki bench: N=$N applicants, $(nproc) cores, median of $REPEATS runs, $(date -u +%Y-%m-%dT%H:%MZ)"
row "run" "PDFs" "wall s" "PDFs/s" "peak MB" ""

batch_row "batch, 出資等に関する報告書 only" "$WORK/report"
cp "$WORK/timings" "$WORK/timings-report"
REPORT_JN=$LAST_RATE
batch_row "batch, all four forms" "$WORK/all"
cp "$WORK/timings" "$WORK/timings-all"
batch_row "batch -j 1, 出資等に関する報告書 only" "$WORK/report" -j 1
REPORT_J1=$LAST_RATE
batch_row "batch from one xlsx, 出資等に関する報告書 only" "$WORK/applicants.xlsx"
cp "$WORK/timings" "$WORK/timings-xlsx"
READ=$(awk '/入力の読み込み/ { getline; print $1 }' "$WORK/timings-xlsx")
SIZE=$(du -k "$WORK/applicants.xlsx" | cut -f1)
printf '%-46s %7s %8s  (%s KB workbook; the rest of the wall time is rendering)\n' \
  "  of which reading the xlsx, s (median run)" "" "$READ" "$SIZE"

# Scaling: docs/s at -j N over docs/s at -j 1, per core.
efficiency() { awk -v n="$1" -v one="$2" -v c="$(nproc)" 'BEGIN { printf "%.0f %%", (one > 0 ? 100 * n / one / c : 0) }'; }
batch_row "batch, all twelve forms ($EVERY applicants)" "$WORK/every"
cp "$WORK/timings" "$WORK/timings-every"
EVERY_JN=$LAST_RATE
batch_row "batch -j 1, all twelve forms" "$WORK/every" -j 1
cp "$WORK/timings" "$WORK/timings-every-1"
EVERY_J1=$LAST_RATE
printf '%-46s %s (出資等に関する報告書), %s (all twelve forms)\n' \
  "scaling efficiency -j $(nproc) over -j 1" "$(efficiency "$REPORT_JN" "$REPORT_J1")" \
  "$(efficiency "$EVERY_JN" "$EVERY_J1")"

# The alternatives: one process per applicant (the first 1,000 applicants).
mkdir -p "$WORK/few"
# (sed, not head: head would stop reading, and pipefail would end the bench.)
find "$WORK/report" -name '*.toml' | sort | sed -n '1,1000p' | xargs -I{} ln -s {} "$WORK/few/"
cat >"$WORK/loop.sh" <<EOF
for f in "$WORK"/few/*.toml; do "$BIN" render "\$f" --out "$WORK/out-loop" >/dev/null || exit 1; done
EOF
measure bash "$WORK/loop.sh"
P=$(pdfs_in "$WORK/out-loop")
row "render per applicant, shell loop" "$P" "$WALL" "$(rate "$P" "$WALL")" "$RSS"
cat >"$WORK/xargs.sh" <<EOF
find "$WORK/few" -name '*.toml' | xargs -P "$(nproc)" -I{} "$BIN" render {} --out "$WORK/out-xargs"
EOF
measure bash "$WORK/xargs.sh"
P=$(pdfs_in "$WORK/out-xargs")
row "render per applicant, xargs -P $(nproc)" "$P" "$WALL" "$(rate "$P" "$WALL")" "$RSS"

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
    subprocess.run([binary, "render", one, "--out", out], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    runs.append((time.perf_counter() - start) * 1000)
print(f"{'first PDF of yoshiki render (median of 21, ms)':<46} {statistics.median(runs):8.1f}  (min {min(runs):.1f}, max {max(runs):.1f})")
EOF
ls -l "$WORK"/out-one/*.pdf | awk '{printf "%-46s %8d bytes\n", "size of that one-page PDF", $5}'

# watch: the re-render after each of 11 saves, as watch itself reports it (書き出しました（N ms）).
python3 - "$BIN" "$ONE" "$WORK/out-watch" <<'EOF'
import re, statistics, subprocess, sys, time
binary, one, out = sys.argv[1:]
watch = subprocess.Popen([binary, "watch", one, "--out", out], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
def rendered():
    for line in watch.stderr:
        m = re.search(r"書き出しました（(\d+) ms）", line)
        if m:
            return int(m.group(1))
rendered()
text = open(one, encoding="utf-8").read()
runs = []
for i in range(11):
    time.sleep(0.5)
    # Every save changes the file (watch skips a save that leaves it as it was).
    open(one, "w", encoding="utf-8").write(text.replace("代表取締役", "代表取締役" + "　" * (i % 2 + 1), 1))
    runs.append(rendered())
watch.kill()
print(f"{'watch: re-render after a save (median of 11, ms)':<46} {statistics.median(runs):8.1f}  (min {min(runs)}, max {max(runs)})")
EOF

echo
echo "Where the time went, batch of 出資等に関する報告書 only (median run):"
cat "$WORK/timings-report"
echo
echo "Where the time went, batch of all four forms (median run):"
cat "$WORK/timings-all"
echo
echo "Where the time went, batch from one xlsx (median run):"
cat "$WORK/timings-xlsx"
echo
echo "Per form on one worker, all twelve forms (batch -j 1, median run): compile + export per PDF"
sed -n '/様式ごと/,/書き込みスレッド/p' "$WORK/timings-every-1" | sed '$d'
echo
echo "Per form on $(nproc) workers, all twelve forms (median run):"
sed -n '/様式ごと/,/書き込みスレッド/p' "$WORK/timings-every" | sed '$d'

