"""detente as a Ray Data stage (python/detente_ray.py): two actors, order kept, real binary."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT, assert_concurrent, check_in_order, check_meta, parse_lines
from corpus import Corpus

CRASHY = str(Path(__file__).resolve().parent / "crashy.py")


@pytest.fixture(scope="module")
def ray_data():
    """A local Ray with 2 CPUs, offline, no dashboard; detente_ray importable by its workers."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    pythonpath = os.pathsep.join(filter(None, [str(ROOT / "python"),
                                               os.environ.get("PYTHONPATH")]))
    os.environ["PYTHONPATH"] = pythonpath
    import ray
    import ray.data

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": pythonpath}})
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    yield ray.data
    ray.shutdown()


def tag_with_ray(data, path: Path, exe: str, args: list[str],
                 env: dict[str, str] | None = None) -> list[str]:
    import sys
    sys.path.insert(0, str(ROOT / "python"))
    from detente_ray import DetenteStage

    ds = data.read_text(str(path)).repartition(8).materialize()
    out = ds.map_batches(DetenteStage, batch_size=50, num_cpus=1,
                         compute=data.ActorPoolStrategy(size=2),
                         fn_constructor_kwargs={"exe": exe, "args": args, "env": env})
    return [row["result"] for row in out.take_all()]


def test_two_actors_in_order_one_thread_each(ray_data, dist: Path, corpus: Corpus,
                                            corpus_file: Path):
    lines = tag_with_ray(ray_data, corpus_file, str(dist / "bin" / "detente"),
                         ["tag", "--jsonl", "--emit-meta"])
    records = parse_lines(lines)
    check_in_order(records, corpus)
    spans = check_meta(records, threads=1)   # Ray sets OMP_NUM_THREADS = num_cpus = 1
    assert_concurrent(spans)


def test_child_failure_raises(ray_data, corpus: Corpus, tmp_path: Path):
    import json
    lines = corpus.lines[:200]
    lines.insert(120, json.dumps({"id": "crash-here", "text": "CRASH_MARKER"}))
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(l + "\n" for l in lines), encoding="utf-8")
    attempts = tmp_path / "attempts.txt"
    with pytest.raises(Exception) as info:
        tag_with_ray(ray_data, inp, CRASHY, ["tag", "--jsonl"],
                     env={"CRASHY_ATTEMPTS": str(attempts), "CRASHY_MARKER": "CRASH_MARKER"})
    assert "exit status 3" in str(info.value), str(info.value)[-2000:]
    assert attempts.exists()
