#!/usr/bin/env bash
# `make scale-test`: the Spark and Ray local-mode tests (tests/scale/) on the release tarball.
# Expects `make dist` (the tarball) and scripts/setup_scale.sh (Java, patchelf, the venv) done;
# the Makefile target does both. Extra arguments go to pytest (e.g. -k ray).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
venv="${SCALE_DIR:-$root/third_party}/scale-venv"
[ -x "$venv/bin/python" ] || { echo "scale-test: no venv at $venv: run scripts/setup_scale.sh" >&2; exit 1; }
if [ -z "${DETENTE_TARBALL:-}" ]; then
  DETENTE_TARBALL="$(ls -t target/dist/detente-*-linux-*.tar.gz 2>/dev/null | head -1)"
fi
[ -f "$DETENTE_TARBALL" ] || { echo "scale-test: no release tarball: run make dist" >&2; exit 1; }
DETENTE_TARBALL="$(cd "$(dirname "$DETENTE_TARBALL")" && pwd)/$(basename "$DETENTE_TARBALL")"
export DETENTE_TARBALL RAY_USAGE_STATS_ENABLED=0 RAY_AUTH_MODE=disabled PYTHONDONTWRITEBYTECODE=1
echo "scale-test: $DETENTE_TARBALL" >&2
set +e
"$venv/bin/python" -m pytest tests/scale -v -rfEs -p no:cacheprovider "$@"
rc=$?
set -e
case "$rc" in
  0) ;;
  5) echo "scale-test: pytest collected no tests" >&2; exit 1 ;;
  *) echo "scale-test: pytest exited with status $rc" >&2; exit "$rc" ;;
esac
