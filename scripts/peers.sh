#!/usr/bin/env bash
# `make peers`: NER throughput of detente against its peers on the same weights, the same
# machine and the same thread count, INTERLEAVED so that their ratios hold on a machine whose
# speed drifts with other load:
#   for each thread count, ROUNDS rounds; in each round every engine makes one timed pass over
#   the corpus (after its own warm-up), the engines in turn (A B C, then B C A, then C A B, ...);
#   the load average is recorded before every pass. Per engine: the median docs/s over the
#   rounds. Per pair: the ratio of the two passes of the SAME round, then the median ratio and
#   its spread (min..max over the rounds).
#
# Engines (PEERS_ENGINES, in this order by default):
#   detente          the default entry of models.toml, at its own `precision`  (examples/peer_rust.rs)
#   detente-fp32     the same model forced to fp32 (likewise -bf16, -int8)
#   detente-student  the entry $PEERS_STUDENT (default minilm-conll-l3) at its own precision (not by default)
#   detente-e2e      detente end to end (NER + rule layer)
#   rustbert         rust-bert's NERModel pipeline on the same weights
#   hf               Hugging Face transformers pipeline, fp32, same weights          (scripts/peers.py)
#   spacy            spaCy en_core_web_md, ner only
#
# The corpus is the CoNLL-2003 test set rebuilt into its 231 documents
# (../shared/data/conll2003/test.txt, or $DETENTE_CONLL_TEST); PEERS_LIMIT=N keeps the first N.
# The Python peers run in a throwaway virtualenv created once (pinned:
# scripts/peers-requirements.txt) at $DETENTE_PEERS_VENV (default ~/.cache/detente-peers/venv);
# it pulls ~5 GB from PyPI (torch's CUDA wheels) the first time.
#
# Settings (environment): PEERS_THREADS="1 2", PEERS_ROUNDS=3, PEERS_BATCH=32, PEERS_LIMIT,
# PEERS_ENGINES, PEERS_STUDENT, PEERS_MATMUL=1 (measure the fp32 matmul peak per thread count).
# The last lines are `ratio_vs_hf X` and `ratio_vs_rustbert Y`: detente's (default entry)
# median per-round ratio, the smaller over the thread counts run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
THREADS="${PEERS_THREADS:-1 2}"
ROUNDS="${PEERS_ROUNDS:-3}"
BATCH="${PEERS_BATCH:-32}"
LIMIT="${PEERS_LIMIT:-}"
STUDENT="${PEERS_STUDENT:-minilm-conll-l3}"
ENGINES="${PEERS_ENGINES:-detente detente-fp32 detente-bf16 rustbert hf spacy}"
VENV="${DETENTE_PEERS_VENV:-$HOME/.cache/detente-peers/venv}"
PY="${PYTHON:-python3}"

setup_venv() {
  local stamp="$VENV/.complete-$(sha256sum scripts/peers-requirements.txt | cut -c1-16)"
  [ -f "$stamp" ] && return 0
  echo "peers: creating the Python peers' virtualenv in $VENV (once)" >&2
  "$PY" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --ignore-requires-python \
    -r scripts/peers-requirements.txt >&2
  touch "$stamp"
}

needs_py=0
for e in $ENGINES; do case "$e" in hf|spacy) needs_py=1 ;; esac; done
[ "$needs_py" = 1 ] && setup_venv

cargo build --release --quiet --example peer_rust >&2
bin="$root/target/release/examples/peer_rust"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
results="$tmp/results.jsonl"
limit_arg=()
[ -n "$LIMIT" ] && limit_arg=(--limit "$LIMIT")

info="$("$bin" --model-info)"
field() { "$PY" -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$info" "$1"; }
model_dir="$(field dir)"; max_length="$(field max_length)"; stride="$(field stride)"
counts="$("$bin" --dump "$tmp/corpus.jsonl" "${limit_arg[@]}")"
tokens="$("$PY" -c 'import json,sys; print(json.loads(sys.argv[1])["tokens"])' "$counts")"

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores," \
  "$(free -g | awk '/Mem:/{print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "model: $(field name) at $(field precision) ($model_dir, max_length $max_length, stride $stride);" \
  "batch $BATCH; corpus: $counts (CoNLL-2003 test); $ROUNDS interleaved rounds"
if pgrep -f train_ner >/dev/null; then echo "WARNING: a train_ner process is running; timings are lower for all" >&2; fi

# One timed pass of engine $1 at $2 threads; prints its JSON line.
pass() {
  local e="$1" t="$2" common=(--threads "$t" --batch "$BATCH" --repeat 1 --max-secs 1e9 "${limit_arg[@]}")
  case "$e" in
    detente|detente-e2e|rustbert) "$bin" --engine "$e" "${common[@]}" ;;
    detente-fp32|detente-bf16|detente-int8)
      "$bin" --engine detente --precision "${e#detente-}" --label "$e" "${common[@]}" ;;
    detente-student) "$bin" --engine detente --model "$STUDENT" --label "$e" "${common[@]}" ;;
    hf)
      "$VENV/bin/python" scripts/peers.py hf --model-dir "$model_dir" --corpus "$tmp/corpus.jsonl" \
        --threads "$t" --batch "$BATCH" --max-length "$max_length" --stride "$stride" \
        --repeat 1 --tokens "$tokens" 2>"$tmp/py.err" || { cat "$tmp/py.err" >&2; return 1; } ;;
    spacy)
      "$VENV/bin/python" scripts/peers.py spacy --corpus "$tmp/corpus.jsonl" --threads "$t" \
        --batch "$BATCH" --repeat 1 --tokens "$tokens" 2>"$tmp/py.err" || { cat "$tmp/py.err" >&2; return 1; } ;;
    *) echo "peers: unknown engine $e" >&2; return 2 ;;
  esac
}

read -r -a engines <<<"$ENGINES"
n=${#engines[@]}
for t in $THREADS; do
  export OMP_NUM_THREADS="$t" MKL_NUM_THREADS="$t" RAYON_NUM_THREADS="$t" TOKENIZERS_PARALLELISM=false
  [ "${PEERS_MATMUL:-1}" = 1 ] && "$bin" --matmul --threads "$t" | tee -a "$results"
  for ((r = 0; r < ROUNDS; r++)); do
    for ((k = 0; k < n; k++)); do
      e="${engines[$(((k + r) % n))]}"
      load="$(cut -d' ' -f1 /proc/loadavg)"
      line="$(pass "$e" "$t")"
      "$PY" -c 'import json,sys; d=json.loads(sys.argv[1]); d["round"]=int(sys.argv[2]); d["load1"]=float(sys.argv[3]); print(json.dumps(d))' \
        "$line" "$r" "$load" | tee -a "$results"
    done
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other busy processes make every number lower)"
cp "$results" "${PEERS_RESULTS:-$root/target/peers-results.jsonl}"
"$PY" scripts/peers.py table "$results"
