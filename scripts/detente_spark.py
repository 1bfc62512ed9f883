#!/usr/bin/env python3
"""Tag JSON Lines with detente as a Spark stage (SQL ``SELECT TRANSFORM ... USING``).

    spark-submit --master local[2] \\
        --archives target/dist/detente-0.1.0-linux-x86_64.tar.gz#detente \\
        scripts/detente_spark.py IN OUT [--model NAME] [--topic FILE] [--exe PATH] [-- ARGS...]

IN is anything ``spark.read.text`` reads (a JSONL file, a directory, a glob; one
``{"id": ..., "text": ...}`` per line). OUT is a directory of ``part-*`` text files, one detente
result (or ``{"id","line","error"}`` record) per input line, blank lines included (they
become error records, exactly as with the plain ``detente tag --jsonl``).

Each Spark task pipes its partition through one ``detente tag --jsonl`` process (one model load per
partition), started by the executor under ``/bin/bash -c`` with ``OMP_NUM_THREADS`` set to
``spark.task.cpus``. A child that exits non-zero fails the task (Spark retries it up to
``spark.task.maxFailures`` times, then the job fails); rows are never dropped silently.

Order: for a single input file, the part files concatenate back to input order. For many input
files Spark orders splits by size, so join or sort on ``id``. See docs/SCALE.md.
"""

from __future__ import annotations

import argparse
import shlex
import sys

DEFAULT_EXE = "./detente/bin/detente"


def build_command(exe: str = DEFAULT_EXE, model: str | None = None,
                  topic: str | None = None, extra: list[str] | None = None) -> str:
    """The shell command line that each task runs (``exe tag --jsonl ...``), safely quoted."""
    args = [exe, "tag", "--jsonl"]
    if model:
        args += ["--model", model]
    if topic:
        args += ["--topic", topic]
    args += list(extra or [])
    return " ".join(shlex.quote(a) for a in args)


def sql_string(s: str) -> str:
    """A Spark SQL string literal holding ``s``."""
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def transform(spark, input_path: str, command: str, view: str = "detente_docs"):
    """A DataFrame with one STRING column ``result``: ``command`` applied to every line of
    ``input_path``, partition by partition, in partition order."""
    docs = spark.read.text(input_path)
    docs.createOrReplaceTempView(view)
    return spark.sql(
        f"SELECT TRANSFORM(value) USING {sql_string(command)} AS (result STRING) FROM {view}"
    )


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line arguments; anything after ``--`` goes to ``detente tag``."""
    extra: list[str] = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSONL file, directory or glob (spark.read.text)")
    p.add_argument("output", help="output directory (part-* files, one JSON line per input line)")
    p.add_argument("--model", help="model entry in the tarball's models/models.toml")
    p.add_argument("--topic", help="topic TOML, a path the executors can read")
    p.add_argument("--exe", default=DEFAULT_EXE,
                   help=f"detente binary as seen by the executors (default {DEFAULT_EXE}, "
                        "i.e. --archives ...tar.gz#detente)")
    p.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    args = p.parse_args(argv)
    args.extra = extra
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the job; the exit status is non-zero when Spark raised (e.g. a child failed)."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("detente").getOrCreate()
    try:
        command = build_command(args.exe, args.model, args.topic, args.extra)
        result = transform(spark, args.input, command)
        print(f"detente_spark: {result.rdd.getNumPartitions()} partition(s), command: {command}",
              file=sys.stderr)
        writer = result.write.mode("overwrite" if args.overwrite else "errorifexists")
        writer.text(args.output)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
