"""The release tarball (`make dist`) is relocatable: no top-level folder, an $ORIGIN rpath, its own
libtorch and model, and it runs from another directory with a clean environment."""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

from conftest import clean_env, parse_lines

DOCS = [
    {"id": "a", "text": "John Kerry met Iran's foreign minister in Vienna on Monday."},
    {"id": "b", "text": ""},
    {"id": "c", "text": "Officials in Baghdad said Iraq would talk to the United States."},
]


def run_tag(exe: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    stdin = "".join(json.dumps(d) + "\n" for d in DOCS)
    return subprocess.run([str(exe), "tag", "--jsonl", *args], input=stdin, cwd=cwd,
                          env=clean_env(), capture_output=True, text=True, timeout=300)


def test_layout_has_no_top_level_folder(tarball: Path):
    with tarfile.open(tarball) as tf:
        names = [m.name.removeprefix("./") for m in tf.getmembers()]
    tops = {n.split("/")[0] for n in names if n}
    assert tops == {"bin", "lib", "models"}, tops
    for needed in ["bin/detente", "lib/libtorch_cpu.so", "lib/libc10.so", "models/models.toml"]:
        assert needed in names, f"{needed} not in the tarball"
    assert any(n.startswith("lib/libgomp") for n in names), "libgomp not shipped"


def test_binary_rpath_is_origin_relative(dist: Path):
    rpath = subprocess.run(["patchelf", "--print-rpath", str(dist / "bin" / "detente")],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert rpath == "$ORIGIN/../lib"


def test_libraries_resolve_inside_the_tarball(dist: Path):
    out = subprocess.run(["ldd", str(dist / "bin" / "detente")], env=clean_env(),
                         capture_output=True, text=True, check=True).stdout
    resolved = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] == "=>":
            resolved[parts[0]] = parts[2]
    assert "not found" not in out, out
    for lib in ["libtorch_cpu.so", "libc10.so"]:
        assert Path(resolved[lib]).resolve().is_relative_to(dist.resolve()), (lib, resolved[lib])


def test_runs_from_another_directory_with_clean_env(dist: Path, tmp_path: Path):
    moved = tmp_path / "elsewhere" / "detente"
    shutil.copytree(dist, moved, symlinks=True)
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    proc = run_tag(moved / "bin" / "detente", workdir)
    assert proc.returncode == 0, proc.stderr[-2000:]
    recs = parse_lines(proc.stdout.splitlines())
    assert [r.get("id") for r in recs] == ["a", "b", "c"]
    assert "error" in recs[1], "empty text must be an error record"
    names = {e["text"] for e in recs[0]["entities"]}
    assert "John Kerry" in names, names
    countries = {a.get("country") for a in recs[2]["actors"]}
    assert {"IRQ", "USA"} <= countries, countries


def test_uses_the_models_toml_next_to_it(dist: Path, tmp_path: Path):
    """With the tarball's models.toml pointing at a missing default, loading must fail: the
    binary reads its own models/models.toml, not one in the build tree."""
    moved = tmp_path / "broken"
    shutil.copytree(dist, moved, symlinks=True)
    toml = moved / "models" / "models.toml"
    toml.write_text(toml.read_text().replace('default = "', 'default = "no-such-'), "utf-8")
    proc = run_tag(moved / "bin" / "detente", tmp_path)
    assert proc.returncode != 0, "a missing default model must be fatal"
    assert proc.stdout == "", "no output records when the model cannot load"
    assert "no-such-" in proc.stderr, proc.stderr[-2000:]
