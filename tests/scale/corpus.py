"""A deterministic test corpus for the scale-out tests: >= 1,000 JSONL lines of short news-like
documents with malformed lines, empty texts, a missing id and a missing text at known positions."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

PEOPLE = ["John Kerry", "Hassan Rouhani", "Lindsey Graham", "Javad Zarif", "Barack Obama",
          "Ali Khamenei", "John McCain", "Nouri al-Maliki", "Catherine Ashton", "Ban Ki-moon"]
COUNTRIES = ["Iran", "the United States", "Iraq", "Russia", "China", "France", "Britain",
             "Saudi Arabia", "Turkey", "Germany"]
ORGS = ["the State Department", "the United Nations", "Reuters", "the Pentagon", "NATO",
        "the European Union"]
CLAUSES = [
    "{p} said on Monday that {c} should open talks with {c2} over the crisis.",
    "{p} rejected any cooperation with {c2}, a spokesman for {o} told reporters.",
    "Officials in {c} said they were ready to work with {c2} if the fighting stopped.",
    "{o} reported that {p} met envoys from {c} and {c2} in Geneva.",
    "\"We need a dialogue of some kind,\" {p} said in an interview.",
    "{p} warned that talks with {c2} would be a grave mistake.",
    "Analysts at {o} doubted that {c} would change course soon.",
    "Markets in {c} fell after the news, {o} said.",
]


@dataclass
class Corpus:
    """The JSONL lines and, per line, the expected outcome."""

    lines: list[str]
    ids: list[str | None]   # the id an output record must carry (None for malformed lines)
    bad: list[bool]         # True where the output must be an error record

    def text(self) -> str:
        """The corpus as one JSONL file body."""
        return "".join(line + "\n" for line in self.lines)


def make_corpus(n_good: int = 1000, seed: int = 13) -> Corpus:
    """``n_good`` taggable documents plus bad lines spread through the stream."""
    rng = random.Random(seed)
    lines: list[str] = []
    ids: list[str | None] = []
    bad: list[bool] = []

    def add(line: str, id_: str | None, is_bad: bool) -> None:
        lines.append(line)
        ids.append(id_)
        bad.append(is_bad)

    for i in range(n_good):
        k = rng.randint(1, 3)
        text = " ".join(
            rng.choice(CLAUSES).format(p=rng.choice(PEOPLE), c=rng.choice(COUNTRIES),
                                       c2=rng.choice(COUNTRIES), o=rng.choice(ORGS))
            for _ in range(k))
        add(json.dumps({"id": f"doc-{i:05d}", "text": text}), f"doc-{i:05d}", False)
        if i == 10:
            add('{"id": "bad-json-1", "text": "unterminated', None, True)
        if i == 333:
            add(json.dumps({"id": "empty-1", "text": ""}), "empty-1", True)
        if i == 500:
            add(json.dumps({"text": "John Kerry spoke in Baghdad on Monday."}), None, True)
        if i == 640:
            add(json.dumps({"id": "no-text-1", "body": "Iran said no."}), "no-text-1", True)
        if i == 777:
            add("this is not json at all", None, True)
        if i == 901:
            add(json.dumps({"id": "empty-2", "text": "   "}), "empty-2", True)
    return Corpus(lines, ids, bad)
