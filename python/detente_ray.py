"""detente as a Ray Data stage: an actor class that keeps one ``detente tag --jsonl`` process.

    import ray, ray.data
    from detente_ray import DetenteStage

    ray.data.DataContext.get_current().execution_options.preserve_order = True
    (ray.data.read_text("news/")                       # column "text": one JSONL line per row
        .map_batches(DetenteStage, batch_size=256, num_cpus=2,
                     compute=ray.data.ActorPoolStrategy(size=4),
                     fn_constructor_kwargs={"exe": "/opt/detente/bin/detente"})
        .write_json("tagged/"))                        # column "result": one JSON line per row

Each actor starts the child once (one model load per actor); ``__call__`` feeds a batch to its
stdin from a writer thread (so neither side can block the other on a full pipe) and reads exactly
one output line per non-blank input line, in order. Blank rows are not documents and are dropped,
as in the Spark stage. Ray gives the actor ``OMP_NUM_THREADS = num_cpus``; the child inherits it.
A child that exits or closes its stdout early raises ``DetenteError`` with the tail of its
stderr, which fails the Ray job: no row is dropped silently. Only the standard library is used.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from typing import Any, Sequence

__all__ = ["DetenteError", "DetenteStage"]

_PAD = '{"id":"__detente_ray_pad__","text":""}'


class DetenteError(RuntimeError):
    """The ``detente`` child process failed (exited, or closed its output early)."""


class DetenteStage:
    """Callable class for ``Dataset.map_batches``: pipes a column of JSONL lines through one
    long-lived ``detente tag --jsonl`` process.

    exe:        the detente binary (a path on every node, e.g. from the release tarball).
    args:       its arguments (default ``["tag", "--jsonl"]``; add ``--model``, ``--topic``...).
    column:     input column of JSONL strings (``read_text`` calls it ``text``).
    out_column: output column of JSONL result strings.
    flush_every: documents per batch of the child (its ``--docs-per-batch``) if it only flushes
                 after a full batch; each call then pads its input to a multiple of it with
                 empty documents whose results are discarded. ``None``: the child flushes on
                 its own when its input pauses.
    env:        extra environment variables for the child.
    """

    def __init__(self, exe: str = "detente", args: Sequence[str] = ("tag", "--jsonl"),
                 column: str = "text", out_column: str = "result",
                 flush_every: int | None = None, env: dict[str, str] | None = None):
        self.column = column
        self.out_column = out_column
        self.flush_every = flush_every
        self.sent = 0
        self._stderr = tempfile.TemporaryFile()
        child_env = dict(os.environ, **(env or {}))
        self.cmd = [exe, *args]
        self.proc = subprocess.Popen(
            self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
            env=child_env, encoding="utf-8", errors="replace")

    def _stderr_tail(self, n: int = 2048) -> str:
        self._stderr.seek(0, os.SEEK_END)
        size = self._stderr.tell()
        self._stderr.seek(max(0, size - n))
        return self._stderr.read().decode("utf-8", "replace")

    def _fail(self, what: str) -> DetenteError:
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        return DetenteError(f"{' '.join(self.cmd)}: {what} (exit status {code}); "
                            f"stderr tail: {self._stderr_tail()}")

    def _write(self, lines: list[str], errors: list[BaseException]) -> None:
        try:
            stdin = self.proc.stdin
            assert stdin is not None
            for line in lines:
                stdin.write(line)
                stdin.write("\n")
            stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as e:  # child gone: reported by the reader
            errors.append(e)

    def tag_lines(self, lines: list[str]) -> list[str]:
        """Results for ``lines`` (non-blank JSONL strings, no raw newlines), in order."""
        pad = 0
        if self.flush_every and self.flush_every > 1:
            pad = -(self.sent + len(lines)) % self.flush_every
        feed = lines + [_PAD] * pad
        errors: list[BaseException] = []
        writer = threading.Thread(target=self._write, args=(feed, errors), daemon=True)
        writer.start()
        out: list[str] = []
        stdout = self.proc.stdout
        assert stdout is not None
        for _ in range(len(feed)):
            line = stdout.readline()
            if not line:
                writer.join(timeout=10)
                raise self._fail(f"output ended after {len(out)} of {len(feed)} lines")
            out.append(line.rstrip("\n"))
        writer.join()
        if errors:
            raise self._fail(f"writing input failed: {errors[0]}")
        self.sent += len(feed)
        return out[:len(lines)]

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        lines = []
        for value in batch[self.column]:
            s = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
            s = s.replace("\r", " ").replace("\n", " ")  # one line per row, always
            if s.strip():
                lines.append(s)
        return {self.out_column: self.tag_lines(lines) if lines else []}

    def close(self) -> int:
        """Close the child's input and wait for it; returns its exit status."""
        if self.proc.poll() is None and self.proc.stdin:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: nothing left to report to
            pass
