#!/usr/bin/env bash
# Score the full pipeline (the `tag` example, default model) on the seed article and the
# stance development set with tools/score.py (the shared scorer with the dev-set kind fix).
# Usage: scripts/score_dev.sh [extra tag args, e.g. --model NAME]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED:-$root/../shared}"
tag="$root/target/release/examples/tag"
out="${OUT_DIR:-$root/target/score}"
mkdir -p "$out"
python3 - "$shared" "$out" <<'PY'
import json, glob, os, sys
shared, out = sys.argv[1], sys.argv[2]
with open(os.path.join(out, "dev.jsonl"), "w") as f:
    for p in sorted(glob.glob(os.path.join(shared, "data/stance-dev/*.json"))):
        g = json.load(open(p, encoding="utf-8"))
        f.write(json.dumps({"id": os.path.splitext(os.path.basename(p))[0], "text": g["text"]}) + "\n")
with open(os.path.join(out, "seed.jsonl"), "w") as f:
    g = json.load(open(os.path.join(shared, "seed/gold.json"), encoding="utf-8"))
    f.write(json.dumps({"id": "gold", "text": g["text"]}) + "\n")
PY
"$tag" --jsonl "$@" < "$out/seed.jsonl" > "$out/seed.pred.jsonl"
"$tag" --jsonl "$@" < "$out/dev.jsonl" > "$out/dev.pred.jsonl"
echo "== seed article"
python3 "$root/tools/score.py" "$shared/seed/gold.json" "$out/seed.pred.jsonl" || true
echo "== stance-dev (12 articles)"
python3 "$root/tools/score.py" "$shared/data/stance-dev" "$out/dev.pred.jsonl" || true
