"""Fixtures for the scale-out tests (run by `make scale-test`, which builds the release tarball
and the venv first).  Nothing here is skipped silently: a missing tarball, Java or engine fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import Corpus, make_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _tarball() -> Path:
    env = os.environ.get("DETENTE_TARBALL")
    if env:
        path = Path(env)
    else:
        found = sorted((ROOT / "target" / "dist").glob("detente-*-linux-*.tar.gz"))
        if not found:
            pytest.fail("no release tarball: run `make dist` (or set DETENTE_TARBALL)")
        path = found[-1]
    if not path.is_file():
        pytest.fail(f"release tarball {path} not found: run `make dist`")
    return path.resolve()


@pytest.fixture(scope="session")
def tarball() -> Path:
    """The release tarball under test (`make dist`)."""
    return _tarball()


@pytest.fixture(scope="session")
def dist(tarball: Path, tmp_path_factory) -> Path:
    """The tarball extracted into a fresh temporary directory (not the build tree)."""
    dest = tmp_path_factory.mktemp("detente-dist")
    with tarfile.open(tarball) as tf:
        tf.extractall(dest, filter="tar")
    exe = dest / "bin" / "detente"
    assert exe.is_file() and os.access(exe, os.X_OK), f"{exe} missing from the tarball"
    return dest


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """>= 1,000 documents plus malformed lines, empty texts, a missing id and a missing text.
    SCALE_DOCS=N makes a smaller one for local iteration only."""
    return make_corpus(int(os.environ.get("SCALE_DOCS", "1000")))


@pytest.fixture(scope="session")
def corpus_file(corpus: Corpus, tmp_path_factory) -> Path:
    """The corpus as one JSONL file."""
    path = tmp_path_factory.mktemp("corpus") / "docs.jsonl"
    path.write_text(corpus.text(), encoding="utf-8")
    return path


def parse_lines(lines: list[str]) -> list[dict]:
    """JSON records, failing with the offending line when one is not JSON."""
    out = []
    for i, line in enumerate(lines):
        try:
            out.append(json.loads(line))
        except ValueError as e:
            pytest.fail(f"output line {i + 1} is not JSON ({e}): {line[:200]!r}")
    return out


def check_in_order(records: list[dict], corpus: Corpus) -> None:
    """One record per input line, same position: ids echoed, errors exactly at the bad lines."""
    assert len(records) == len(corpus.lines), "one output line per input line"
    for i, (rec, id_, bad) in enumerate(zip(records, corpus.ids, corpus.bad)):
        where = f"line {i + 1}: {corpus.lines[i][:80]!r} -> {json.dumps(rec)[:160]}"
        assert rec.get("id") == id_, where
        if bad:
            assert "error" in rec, f"expected an error record at {where}"
        else:
            assert "error" not in rec and "actors" in rec and "entities" in rec, where


def check_meta(records: list[dict], threads: int) -> dict[int, list[tuple[float, float]]]:
    """Every tagged record carries meta with `threads`; returns the [t_start, t_end] per pid."""
    spans: dict[int, list[tuple[float, float]]] = {}
    for rec in records:
        if "error" in rec:
            continue
        meta = rec.get("meta")
        assert isinstance(meta, dict), f"no meta in {json.dumps(rec)[:160]}"
        assert meta["threads"] == threads, meta
        assert meta["t_start"] <= meta["t_end"], meta
        spans.setdefault(meta["pid"], []).append((meta["t_start"], meta["t_end"]))
    return spans


def assert_concurrent(spans: dict[int, list[tuple[float, float]]]) -> None:
    """At least two distinct processes whose work intervals overlap in time."""
    assert len(spans) >= 2, f"only {len(spans)} tagger process(es): {list(spans)}"
    pids = list(spans)
    for a in range(len(pids)):
        for b in range(a + 1, len(pids)):
            for s1, e1 in spans[pids[a]]:
                for s2, e2 in spans[pids[b]]:
                    if s1 < e2 and s2 < e1:
                        return
    pytest.fail(f"no two tagger processes overlapped in time: "
                f"{ {p: (min(s for s, _ in v), max(e for _, e in v)) for p, v in spans.items()} }")


def clean_env(**extra: str) -> dict[str, str]:
    """A minimal environment: no LD_LIBRARY_PATH, no LIBTORCH, no build tree on PATH."""
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def java() -> str:
    """The java executable Spark will use (fails when missing: run scripts/setup_scale.sh)."""
    path = shutil.which("java")
    if path is None:
        pytest.fail("java not found: run scripts/setup_scale.sh (openjdk-17-jre-headless)")
    return path


def spark_submit(args: list[str], cwd: Path, timeout: int = 900,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the venv's spark-submit (driver and workers on this venv's Python); `env` is added
    to its environment, which local-mode TRANSFORM children inherit."""
    exe = BIN / "spark-submit"
    assert exe.exists(), f"{exe} not found: run scripts/setup_scale.sh"
    full = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable,
                PATH=f"{BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}", **(env or {}))
    full.pop("OMP_NUM_THREADS", None)
    return subprocess.run([str(exe), *args], cwd=cwd, env=full, capture_output=True, text=True,
                          timeout=timeout)


def read_parts(out: Path) -> list[str]:
    """The lines of OUT's part files, concatenated in part-file name order."""
    assert (out / "_SUCCESS").exists(), f"no _SUCCESS in {out}"
    lines: list[str] = []
    for part in sorted(out.glob("part-*")):
        lines.extend(part.read_text(encoding="utf-8").splitlines())
    return lines
