#!/usr/bin/env python3
"""Test-only stand-in for a crashing tagger: echoes ``{"id": ...}`` per input line and exits 3
on the line containing MARKER (after writing its earlier results), appending one line to
ATTEMPTS_FILE each time it crashes.  Usage: crashy.py [ANY ARGS...] ATTEMPTS_FILE MARKER
(the last two arguments count, so it can stand in for `detente tag --jsonl ...`)."""

import json
import sys


def main() -> int:
    attempts, marker = sys.argv[-2], sys.argv[-1]
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
