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

# A wrapper that records the child's peak RSS (KiB) in $RSS_DIR/<pid>.
cat > "$work/rsswrap.py" <<'PYEOF'
#!/usr/bin/env python3
import os, resource, subprocess, sys
rc = subprocess.call([os.environ["REAL_EXE"], *sys.argv[1:]])
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(os.path.join(os.environ["RSS_DIR"], str(os.getpid())), "w").write(f"{kib}\n")
sys.exit(rc)
PYEOF
chmod +x "$work/rsswrap.py"
export REAL_EXE="$work/dist/bin/detente"

rss_summary() { # rss_summary DIR -> "N processes, max X MB"
  "$PY" -c "import glob,sys; v=[int(open(f).read()) for f in glob.glob(sys.argv[1]+'/*')]
print(f'{len(v)} process(es), peak RSS {max(v)/1024:.0f} MB (min {min(v)/1024:.0f})')" "$1"
}
now() { date +%s.%N; }
row() { # row LABEL SECONDS RSSDIR
  "$PY" -c "import sys; n,t=int(sys.argv[1]),float(sys.argv[2]); print(f'| {sys.argv[3]} | {t:.1f} | {n/t:.1f} | {sys.argv[4]} |')" \
    "$n" "$2" "$1" "$(rss_summary "$3")"
}

echo "| run ($n lines) | wall s | docs/s | detente processes |"
echo "|---|---|---|---|"
for threads in 1 2; do
  d="$work/rss/cli$threads"; mkdir -p "$d"
  t0="$(now)"
  RSS_DIR="$d" OMP_NUM_THREADS=$threads "$work/rsswrap.py" tag --jsonl < "$work/in.jsonl" > "$work/cli$threads.jsonl"
  row "plain CLI, OMP_NUM_THREADS=$threads" "$("$PY" -c "print($(now)-$t0)")" "$d"
done
for master in 'local[1]' 'local[2]'; do
  d="$work/rss/$master"; mkdir -p "$d"
  rm -rf "$work/out-$master"
  t0="$(now)"
  RSS_DIR="$d" PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY" "$venv/bin/spark-submit" \
    --master "$master" --conf spark.task.cpus=1 \
    --conf "spark.sql.files.maxPartitionBytes=$(( $(stat -c %s "$work/in.jsonl") / 4 + 1 ))" \
    "$root/scripts/detente_spark.py" "$work/in.jsonl" "$work/out-$master" \
    --exe "$work/rsswrap.py" > "$work/spark-$master.log" 2>&1
  row "Spark $master, task.cpus=1, 4 partitions (incl. JVM start)" "$("$PY" -c "print($(now)-$t0)")" "$d"
  "$PY" - "$work/out-$master" "$work/cli1.jsonl" "$master" <<'PYEOF'
import glob, json, sys
drop = lambda r: {k: v for k, v in r.items() if k != "line"}  # error lines count per task
spark = [drop(json.loads(l)) for f in sorted(glob.glob(sys.argv[1] + "/part-*")) for l in open(f)]
cli = [drop(json.loads(l)) for l in open(sys.argv[2])]
print(f"<!-- {sys.argv[3]}: {'same records as' if spark == cli else 'DIFFERENT records from'} the plain CLI -->")
PYEOF
done
echo "work dir: $work" >&2
