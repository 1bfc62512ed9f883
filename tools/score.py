#!/usr/bin/env python3
# Copy of ../shared/tools/score.py with ONE fix: in match(), `k = g["kind"]` is now
# `k = g["kind"].upper()`: the stance-dev gold files write kinds in lowercase ("person"), so the
# shipped scorer never matched a dev actor. Everything else is unchanged.
"""Score the project's JSON output against gold files (for example ../shared/seed/gold.json).

usage: score.py GOLD_DIR_OR_FILE PRED.jsonl [--min-entity-f1 X] [--min-stance-acc Y]
Each gold file: {text, entities:[{text,label,start,end}], actors:[{actor,kind,affiliation,stance}]}.
Each PRED line: {"id": <gold file stem>, "entities":[{label,start,end}], "actors":[{name,kind,country?,stance,mentions?}]}
Prints per-doc misses, then summary lines; last line is the headline figure.
"""
import json, sys, glob, os, re, collections
KINDS = {"PERSON", "COUNTRY", "ORGANIZATION"}
STANCES = ["support", "oppose", "conditional", "neutral"]
ISO = {"united states": "USA", "iran": "IRN", "israel": "ISR", "saudi arabia": "SAU", "france": "FRA",
       "united kingdom": "GBR", "britain": "GBR", "australia": "AUS", "iraq": "IRQ", "syria": "SYR"}

def norm(s):
    s = s.lower().replace("’", "'")
    s = re.sub(r"^the\s+", "", s.strip())
    return re.sub(r"[^a-z0-9 ]", "", s)

def last(s):
    t = norm(s).split()
    return t[-1] if t else ""

def names(p):
    out = {p.get("name", "")}
    text = p.get("_text", "")
    for m in p.get("mentions", []) or []:
        if isinstance(m, dict):
            if "text" in m: out.add(m["text"])
            elif "start" in m and text: out.add(text[m["start"]:m["end"]])
        elif isinstance(m, (list, tuple)) and len(m) == 2 and text:
            out.add(text[m[0]:m[1]])
    return {n for n in out if n}

def match(g, preds):
    k = g["kind"].upper()
    cands = [p for p in preds if p.get("kind", "").upper() == k]
    if k == "COUNTRY":
        iso = ISO.get(norm(g.get("affiliation") or g["actor"]))
        for p in cands:
            if iso and (p.get("country") or "").upper() == iso: return p
            if any(norm(n) == norm(g["actor"]) for n in names(p)): return p
    elif k == "PERSON":
        for p in cands:
            if any(last(n) == last(g["actor"]) for n in names(p)): return p
    else:
        for p in cands:
            for n in names(p):
                a, b = norm(n), norm(g["actor"])
                if a and b and (a == b or a in b or b in a): return p
    return None

def main():
    args = sys.argv[1:]
    opts = {}
    while len(args) > 2:
        v = args.pop(); k = args.pop(); opts[k] = float(v)
    gold_path, pred_path = args
    files = [gold_path] if os.path.isfile(gold_path) else sorted(glob.glob(os.path.join(gold_path, "*.json")))
    preds = {}
    for line in open(pred_path, encoding="utf-8"):
        line = line.strip()
        if line:
            d = json.loads(line); preds[str(d.get("id"))] = d
    tp = fp = fn = 0
    per = collections.Counter()
    conf = collections.Counter()
    found = total = country_ok = 0
    for f in files:
        gid = os.path.splitext(os.path.basename(f))[0]
        g = json.load(open(f, encoding="utf-8"))
        p = preds.get(gid)
        if p is None:
            print(f"{gid}: no prediction"); p = {"entities": [], "actors": []}
        gs = {(e["start"], e["end"], e["label"]) for e in g["entities"] if e["label"] in KINDS}
        ps = {(e["start"], e["end"], e["label"]) for e in p.get("entities", []) if e.get("label") in KINDS}
        tp += len(gs & ps); fp += len(ps - gs); fn += len(gs - ps)
        for s, e, l in sorted(gs - ps): per["miss " + l] += 1
        for s, e, l in sorted(ps - gs): per["spurious " + l] += 1
        for a in p.get("actors", []): a["_text"] = g["text"]
        for ga in g["actors"]:
            total += 1
            pa = match(ga, p.get("actors", []))
            got = pa.get("stance", "").lower() if pa else "missing"
            if pa:
                found += 1
                want = ISO.get(norm(ga.get("affiliation") or ""))
                if want is None or (pa.get("country") or "").upper() == want: country_ok += 1
                else: print(f"{gid}: {ga['actor']} country gold={want} got={pa.get('country')}")
            conf[(ga["stance"], got)] += 1
            if got != ga["stance"]:
                print(f"{gid}: {ga['actor']} gold={ga['stance']} got={got}")
    P = tp / (tp + fp) if tp + fp else 0; R = tp / (tp + fn) if tp + fn else 0
    F = 2 * P * R / (P + R) if P + R else 0
    acc = sum(v for (a, b), v in conf.items() if a == b) / total if total else 0
    f1s = []
    for s in STANCES:
        t = conf[(s, s)]; gp = sum(v for (a, b), v in conf.items() if a == s); pp = sum(v for (a, b), v in conf.items() if b == s)
        pr = t / pp if pp else 0; rc = t / gp if gp else 0
        f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0)
    print("entity errors:", dict(per))
    print(f"entities P={P:.3f} R={R:.3f} F1={F:.3f} (PERSON/COUNTRY/ORGANIZATION exact spans)")
    print(f"actors found {found}/{total}, country right {country_ok}/{total}; stance accuracy {acc:.3f}; macro-F1 {sum(f1s)/len(f1s):.3f} ({', '.join(f'{s} {x:.2f}' for s, x in zip(STANCES, f1s))})")
    ok = F >= opts.get("--min-entity-f1", 0) and acc >= opts.get("--min-stance-acc", 0) \
        and found >= opts.get("--min-found", 0) * total and country_ok >= opts.get("--min-country", 0) * total
    print(f"entity F1 {F:.3f}, stance accuracy {acc:.3f}")
    sys.exit(0 if ok else 1)

main()
