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
one output line per input row, in order (a blank row gets the CLI's error record, as in the
Spark stage). Ray gives the actor ``OMP_NUM_THREADS = num_cpus``; the child inherits it.

``detente tag --jsonl`` flushes its output after every ``--docs-per-batch`` lines (or about
8 MiB of text), so a long-lived child would sit on the tail of a call's rows waiting for more
input. The actor therefore passes ``--docs-per-batch`` itself and pads each call with empty
documents up to a multiple of it (their error records are discarded); a call whose rows could
reach the byte limit instead runs through a fresh child that sees end of input.

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

    exe:            the detente binary (a path on every node, e.g. from the release tarball).
    args:           its arguments (default ``["tag", "--jsonl"]``; add ``--model``, ``--topic``,
                    ``--emit-meta``...). ``--docs-per-batch`` is added by the actor.
    column:         input column of JSONL strings (``read_text`` calls it ``text``).
    out_column:     output column of JSONL result strings.
    docs_per_batch: the child's ``--docs-per-batch`` (documents per forward batch and flush).
    batch_bytes:    the child's flush threshold in bytes of text (8 MiB in detente).
    env:            extra environment variables for the child.
    """

    def __init__(self, exe: str = "detente", args: Sequence[str] = ("tag", "--jsonl"),
                 column: str = "text", out_column: str = "result", docs_per_batch: int = 64,
                 batch_bytes: int = 8 << 20, env: dict[str, str] | None = None):
        self.column = column
        self.out_column = out_column
        self.k = max(1, int(docs_per_batch))
        self.batch_bytes = batch_bytes
        self.cmd = [exe, *args, "--docs-per-batch", str(self.k)]
        self.env = dict(os.environ, **(env or {}))
        self._stderr = tempfile.TemporaryFile()
        self.proc = self._start()

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen(
            self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
            env=self.env, encoding="utf-8", errors="replace")

    def _stderr_tail(self, n: int = 2048) -> str:
        self._stderr.seek(0, os.SEEK_END)
        size = self._stderr.tell()
        self._stderr.seek(max(0, size - n))
        return self._stderr.read().decode("utf-8", "replace")

    def _fail(self, proc: subprocess.Popen, what: str) -> DetenteError:
        try:
            code = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = proc.wait()
        return DetenteError(f"{' '.join(self.cmd)}: {what} (exit status {code}); "
                            f"stderr tail: {self._stderr_tail()}")

    @staticmethod
    def _write(proc: subprocess.Popen, lines: list[str], close: bool,
               errors: list[BaseException]) -> None:
        try:
            stdin = proc.stdin
            assert stdin is not None
            for line in lines:
                stdin.write(line)
                stdin.write("\n")
            stdin.flush()
            if close:
                stdin.close()
        except (BrokenPipeError, OSError, ValueError) as e:  # child gone: reported by the reader
            errors.append(e)

    def _aligned(self, lines: list[str]) -> bool:
        """True when every chunk of ``docs_per_batch`` lines stays under the byte threshold,
        so the child flushes exactly at the chunk ends."""
        for i in range(0, len(lines), self.k):
            if sum(len(s.encode("utf-8")) for s in lines[i:i + self.k]) >= self.batch_bytes:
                return False
        return True

    def _pipe(self, proc: subprocess.Popen, feed: list[str], close: bool) -> list[str]:
        errors: list[BaseException] = []
        writer = threading.Thread(target=self._write, args=(proc, feed, close, errors),
                                  daemon=True)
        writer.start()
        out: list[str] = []
        stdout = proc.stdout
        assert stdout is not None
        for _ in range(len(feed)):
            line = stdout.readline()
            if not line:
                writer.join(timeout=10)
                raise self._fail(proc, f"output ended after {len(out)} of {len(feed)} lines")
            out.append(line.rstrip("\n"))
        writer.join()
        if errors:
            raise self._fail(proc, f"writing input failed: {errors[0]}")
        return out

    def tag_lines(self, lines: list[str]) -> list[str]:
        """One result line per line of ``lines`` (JSONL strings without raw newlines), in order."""
        if self._aligned(lines):
            pad = -len(lines) % self.k
            return self._pipe(self.proc, lines + [_PAD] * pad, close=False)[:len(lines)]
        # Rare (huge documents): a child of its own that sees end of input flushes everything.
        once = self._start()
        out = self._pipe(once, lines, close=True)
        code = once.wait()
        if code != 0:
            raise self._fail(once, "exited after its input")
        return out

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        lines = []
        for value in batch[self.column]:
            s = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
            lines.append(s.replace("\r", " ").replace("\n", " "))  # one line per row, always
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
