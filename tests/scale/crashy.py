#!/usr/bin/env python3
"""Test-only stand-in for a crashing tagger (any arguments are ignored, so it can stand in for
`detente tag --jsonl ...`): echoes ``{"id": ...}`` per input line and exits 3 on the line that
contains $CRASHY_MARKER, after writing its earlier results and appending one line to
$CRASHY_ATTEMPTS (so a test can count the attempts)."""

import json
import os
import sys


def main() -> int:
    attempts, marker = os.environ["CRASHY_ATTEMPTS"], os.environ["CRASHY_MARKER"]
    for line in sys.stdin:
        if marker in line:
            sys.stdout.flush()
            with open(attempts, "a", encoding="utf-8") as f:
                f.write("crash\n")
            print("crashy: marker seen, exiting 3", file=sys.stderr)
            return 3
        try:
            id_ = json.loads(line).get("id")
        except (ValueError, AttributeError):
            id_ = None
        sys.stdout.write(json.dumps({"id": id_}) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
