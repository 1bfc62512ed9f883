#!/usr/bin/env bash
# Idempotent setup for the scale-out tests (`make scale-test`, tests/scale/):
#
#  * Debian packages: a Java >= 17 runtime for Spark 4 (openjdk-17-jre-headless) and patchelf
#    (scripts/dist.sh sets the tarball's $ORIGIN rpath with it). Installed only when missing.
#  * A Python venv with pyspark 4.3.0 (PyPI sdist, ~456 MB, pure Python + jars), ray[data] 2.60.0
#    and pytest, at $SCALE_DIR/scale-venv (default third_party/scale-venv).
#
# Downloads are cached in $SCALE_DIR/.scale-wheels (the pyspark sdist is built into a wheel once
# and kept there), so a second run, or a rebuild of the venv, downloads nothing.
# Usage: scripts/setup_scale.sh [apt|venv|all]   (default all; progress on stderr)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${SCALE_DIR:-$root/third_party}"
venv="$dir/scale-venv"
cache="$dir/.scale-wheels"
PY="${PYTHON:-python3}"
REQS=(pyspark==4.3.0 "ray[data]==2.60.0" "pytest>=8,<9")
stamp="$venv/.complete-pyspark-4.3.0-ray-2.60.0"

java_ok() {
  command -v java >/dev/null || return 1
  local v; v="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
  [ -n "$v" ] && [ "$v" -ge 17 ]
}

setup_apt() {
  local pkgs=()
  java_ok || pkgs+=(openjdk-17-jre-headless)
  command -v patchelf >/dev/null || pkgs+=(patchelf)
  [ ${#pkgs[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup_scale: need root to install ${pkgs[*]} (or install them yourself)" >&2; exit 1
  fi
  echo "setup_scale: apt-get install ${pkgs[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
}

setup_venv() {
  [ -f "$stamp" ] && return 0
  "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "setup_scale: pyspark 4.3 needs Python >= 3.11 (set PYTHON=...)" >&2; exit 1; }
  mkdir -p "$cache"
  # Offline first (everything cached); otherwise fetch the missing files from PyPI once.
  if ! ls "$cache"/pyspark-4.3.0-*.whl >/dev/null 2>&1; then
    if ! ls "$cache"/pyspark-4.3.0.tar.gz >/dev/null 2>&1; then
      echo "setup_scale: downloading pyspark 4.3.0 sdist (~456 MB, once)" >&2
      "$PY" -m pip download --quiet --no-deps --no-binary=pyspark -d "$cache" pyspark==4.3.0 >&2
    fi
    echo "setup_scale: building the pyspark wheel (once)" >&2
    "$PY" -m pip wheel --quiet --no-deps -w "$cache" "$cache/pyspark-4.3.0.tar.gz" >&2
    rm -f "$cache/pyspark-4.3.0.tar.gz"   # the wheel is all we install from
  fi
  if ! "$PY" -m pip download --quiet --no-index --find-links "$cache" -d "$cache" "${REQS[@]}" >/dev/null 2>&1; then
    echo "setup_scale: downloading ray[data] 2.60.0, pytest and their dependencies (once)" >&2
    "$PY" -m pip download --quiet --find-links "$cache" -d "$cache" "${REQS[@]}" >&2
  fi
  rm -rf "$venv"
  "$PY" -m venv "$venv"
  echo "setup_scale: installing into $venv (offline, from $cache)" >&2
  "$venv/bin/python" -m pip install --quiet --no-index --find-links "$cache" "${REQS[@]}" >&2
  touch "$stamp"
}

case "${1:-all}" in
  apt) setup_apt ;;
  venv) setup_venv ;;
  all) setup_apt; setup_venv; echo "setup_scale: ready ($venv)" >&2 ;;
  *) echo "usage: $0 [apt|venv|all]" >&2; exit 2 ;;
esac
