#!/usr/bin/env bash
# `make peers`: NER throughput of detente against its peers on the same weights, the same
# machine and the same thread count, in one run:
#   detente (NER only and end to end), rust-bert's NERModel  -> examples/peer_rust.rs
#   Hugging Face transformers pipeline, spaCy en_core_web_md  -> scripts/peers.py
# plus the machine's fp32 matmul peak through libtorch and our achieved encoder FLOP/s.
#
# The corpus is the CoNLL-2003 test set rebuilt into its 231 documents
# (../shared/data/conll2003/test.txt, or $DETENTE_CONLL_TEST). The model is the default entry
# of models.toml ($DETENTE_MODELS to change it). The Python peers run in a throwaway
# virtualenv created once (pinned: scripts/peers-requirements.txt) at
# $DETENTE_PEERS_VENV (default ~/.cache/detente-peers/venv); it pulls ~5 GB (torch's CUDA
# wheels) the first time.
#
# Settings (environment): PEERS_THREADS="1 2", PEERS_BATCH=32, PEERS_REPEAT=3 (timed passes,
# median reported), PEERS_MAX_SECS=60 (stop repeating past this much timed time per engine),
# PEERS_ENGINES="detente detente-e2e rustbert hf spacy".
# The last two lines are `ratio_vs_hf X` and `ratio_vs_rustbert Y`: our NER docs/s divided
# by theirs, the smaller over the thread counts run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
THREADS="${PEERS_THREADS:-1 2}"
BATCH="${PEERS_BATCH:-32}"
REPEAT="${PEERS_REPEAT:-3}"
MAX_SECS="${PEERS_MAX_SECS:-60}"
ENGINES="${PEERS_ENGINES:-detente detente-e2e rustbert hf spacy}"
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

info="$("$bin" --model-info)"
field() { "$PY" -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$info" "$1"; }
model_dir="$(field dir)"; max_length="$(field max_length)"; stride="$(field stride)"
counts="$("$bin" --dump "$tmp/corpus.jsonl")"
tokens="$("$PY" -c 'import json,sys; print(json.loads(sys.argv[1])["tokens"])' "$counts")"

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores," \
  "$(free -g | awk '/Mem:/{print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "model: $model_dir (max_length $max_length, stride $stride); batch $BATCH; corpus: $counts (CoNLL-2003 test)"
if pgrep -f train_ner >/dev/null; then echo "WARNING: a train_ner process is running; timings are not comparable" >&2; fi

for t in $THREADS; do
  export OMP_NUM_THREADS="$t" MKL_NUM_THREADS="$t" RAYON_NUM_THREADS="$t" TOKENIZERS_PARALLELISM=false
  "$bin" --matmul --threads "$t" | tee -a "$results"
  for e in $ENGINES; do
    case "$e" in
      detente|detente-e2e|rustbert)
        line="$("$bin" --engine "$e" --threads "$t" --batch "$BATCH" --repeat "$REPEAT" --max-secs "$MAX_SECS")" ;;
      hf)
        line="$("$VENV/bin/python" scripts/peers.py hf --model-dir "$model_dir" --corpus "$tmp/corpus.jsonl" \
          --threads "$t" --batch "$BATCH" --max-length "$max_length" --stride "$stride" \
          --repeat "$REPEAT" --max-secs "$MAX_SECS" --tokens "$tokens" 2>"$tmp/hf.err")" \
          || { cat "$tmp/hf.err" >&2; exit 1; } ;;
      spacy)
        line="$("$VENV/bin/python" scripts/peers.py spacy --corpus "$tmp/corpus.jsonl" --threads "$t" \
          --batch "$BATCH" --repeat "$REPEAT" --max-secs "$MAX_SECS" --tokens "$tokens" 2>"$tmp/spacy.err")" \
          || { cat "$tmp/spacy.err" >&2; exit 1; } ;;
      *) echo "peers: unknown engine $e" >&2; exit 2 ;;
    esac
    echo "$line" | tee -a "$results"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other busy processes make every number lower)"
"$PY" scripts/peers.py table "$results"
