#!/usr/bin/env bash
# The scale-out figures of BENCHMARKS.md: documents/s of the plain CLI vs Spark local[1] vs
# local[2] on the same 1,006-line test corpus (tests/scale/corpus.py: 1,000 documents + 6 bad
# lines), and the peak RSS of every detente process. Needs `make dist scale-setup`.
# Usage: scripts/scale_bench.sh [WORKDIR]      (prints a markdown table on stdout)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${SCALE_DIR:-$root/third_party}/scale-venv"
tarball="${DETENTE_TARBALL:-$(ls -t "$root"/target/dist/detente-*-linux-*.tar.gz | head -1)}"
work="${1:-$(mktemp -d "${TMPDIR:-/tmp}/detente-bench.XXXXXX")}"
mkdir -p "$work/dist" "$work/rss"
tar -xzf "$tarball" -C "$work/dist"
PY="$venv/bin/python"
"$PY" -c "import sys; sys.path.insert(0, '$root/tests/scale'); from corpus import make_corpus
open('$work/in.jsonl', 'w').write(make_corpus().text())"
n="$(wc -l < "$work/in.jsonl")"

# A wrapper that records the child's peak RSS (KiB) and CPU seconds in $RSS_DIR/<pid>.
cat > "$work/rsswrap.py" <<'PYEOF'
#!/usr/bin/env python3
import os, resource, subprocess, sys
rc = subprocess.call([os.environ["REAL_EXE"], *sys.argv[1:]])
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
open(os.path.join(os.environ["RSS_DIR"], str(os.getpid())), "w").write(
    f"{ru.ru_maxrss} {ru.ru_utime + ru.ru_stime:.2f}\n")
sys.exit(rc)
PYEOF
chmod +x "$work/rsswrap.py"
export REAL_EXE="$work/dist/bin/detente"

stats() { # stats LABEL WALL_SECONDS RSS_DIR [OUT_FILES...]: one markdown row
  "$PY" - "$n" "$@" <<'PYEOF'
import json, os, sys
n, label, wall, d, outs = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5:]
procs = [open(os.path.join(d, f)).read().split() for f in os.listdir(d)]
rss = [int(p[0]) / 1024 for p in procs]
cpu = sum(float(p[1]) for p in procs)
meta = [json.loads(l).get("meta") for f in outs for l in open(f)]
meta = [m for m in meta if m]
span = max(m["t_end"] for m in meta) - min(m["t_start"] for m in meta) if meta else wall
print(f"| {label} | {wall:.1f} | {n / wall:.1f} | {span:.1f} | {n / span:.1f} | {cpu:.1f} | "
      f"{n / cpu:.1f} | {len(procs)}, peak RSS {max(rss):.0f} MB |")
PYEOF
}
compare() { # compare OUT_DIR CLI_FILE LABEL: same records (floats within 1e-4, meta/line aside)?
  "$PY" - "$@" <<'PYEOF'
import glob, json, sys
def norm(r):
    return {k: v for k, v in r.items() if k not in ("meta", "line")}
def close(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return abs(a - b) <= 1e-4
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(close, a, b))
    return a == b
spark = [norm(json.loads(l)) for f in sorted(glob.glob(glob.escape(sys.argv[1]) + "/part-*")) for l in open(f)]
cli = [norm(json.loads(l)) for l in open(sys.argv[2])]
same = len(spark) == len(cli) and all(map(close, spark, cli))
print(f"<!-- {sys.argv[3]}: {'same' if same else 'DIFFERENT'} records as the plain CLI "
      f"(floats within 1e-4) -->")
PYEOF
}
now() { date +%s.%N; }
elapsed() { "$PY" -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$1" "$(now)"; }

echo "| run ($n lines) | wall s | docs/s (wall) | tagging span s | docs/s (span) | detente CPU s | docs per CPU s | detente processes |"
echo "|---|---|---|---|---|---|---|---|"
for threads in 1 2; do
  d="$work/rss/cli$threads"; mkdir -p "$d"
  t0="$(now)"
  RSS_DIR="$d" OMP_NUM_THREADS=$threads "$work/rsswrap.py" tag --jsonl --emit-meta \
    < "$work/in.jsonl" > "$work/cli$threads.jsonl" 2> "$work/cli$threads.log"
  stats "plain CLI, OMP_NUM_THREADS=$threads" "$(elapsed "$t0")" "$d" "$work/cli$threads.jsonl"
done
for master in 'local[1]' 'local[2]'; do
  d="$work/rss/$master"; mkdir -p "$d"
  rm -rf "$work/out-$master"
  t0="$(now)"
  RSS_DIR="$d" PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY" "$venv/bin/spark-submit" \
    --master "$master" --conf spark.task.cpus=1 \
    --conf "spark.sql.files.maxPartitionBytes=$(( $(stat -c %s "$work/in.jsonl") / 4 + 1 ))" \
    "$root/scripts/detente_spark.py" "$work/in.jsonl" "$work/out-$master" \
    --exe "$work/rsswrap.py" -- --emit-meta > "$work/spark-$master.log" 2>&1
  stats "Spark $master, task.cpus=1, 4 partitions" "$(elapsed "$t0")" "$d" "$work/out-$master"/part-*
  compare "$work/out-$master" "$work/cli1.jsonl" "$master"
done
echo "work dir: $work" >&2
