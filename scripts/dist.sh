#!/usr/bin/env bash
# Build the relocatable release tarball that Spark's `--archives x.tar.gz#detente`, a Ray node
# image or a plain `tar -xzf` use:
#
#   bin/detente            the CLI, RUNPATH $ORIGIN/../lib (set with patchelf)
#   lib/*.so*              libtorch_cpu, libc10, libgomp, ... : every shared library the binary
#                          needs that is not a system library (/lib, /usr/lib), found with ldd
#   models/models.toml     the crate's models.toml with paths relative to models/
#   models/<default>/      the default model directory
#
# There is NO top-level folder: the archive unpacks into the directory it is extracted in.
# Usage: scripts/dist.sh [OUT.tar.gz]
#   DETENTE_EXE  binary to package (default target/release/detente; build it first with
#                `cargo build --release --features cli --bin detente`, or use `make dist`)
#   GZIP_LEVEL   gzip level (default 1: libtorch barely compresses; level 6 is 4x slower for ~4%)
# Prints the path of the tarball on stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
exe="${DETENTE_EXE:-$root/target/release/detente}"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)"
out="${1:-$root/target/dist/detente-$version-linux-$(uname -m).tar.gz}"
level="${GZIP_LEVEL:-1}"

[ -x "$exe" ] || { echo "dist: $exe not found; build it first (make dist)" >&2; exit 1; }
command -v patchelf >/dev/null || { echo "dist: patchelf is required (apt-get install patchelf)" >&2; exit 1; }

stage="$(mktemp -d "${TMPDIR:-/tmp}/detente-dist.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/lib" "$stage/models"
cp "$exe" "$stage/bin/detente"

# Non-system libraries the binary resolves now (through its build-tree rpath or LD_LIBRARY_PATH).
missing="$(ldd "$exe" | awk '/not found/ {print $1}')"
[ -z "$missing" ] || { echo "dist: ldd cannot resolve: $missing" >&2; exit 1; }
ldd "$exe" | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | while read -r lib; do
  case "$lib" in
    /lib/*|/lib64/*|/usr/lib/*|/usr/lib64/*) ;;   # glibc, libstdc++, libgcc_s: the host's
    *) cp -L "$lib" "$stage/lib/" ;;
  esac
done
[ -n "$(ls "$stage/lib")" ] || { echo "dist: found no libtorch libraries to ship" >&2; exit 1; }
# The libraries' own rpath is $ORIGIN (libtorch_cpu -> libc10, libgomp, ...); make sure of it.
for so in "$stage"/lib/*.so*; do
  patchelf --set-rpath '$ORIGIN' "$so"
done
patchelf --set-rpath '$ORIGIN/../lib' "$stage/bin/detente"

# The default model and a models.toml whose paths are relative to models/.
default="$(sed -n 's/^default *= *"\(.*\)"/\1/p' "$root/models.toml" | head -1)"
mpath="$(awk -v sec="[models.$default]" '$0 == sec {f=1; next} /^\[/ {f=0}
  f && $1 == "path" {gsub(/"/, "", $3); print $3; exit}' "$root/models.toml")"
[ -n "$default" ] && [ -d "$root/$mpath" ] || {
  echo "dist: default model '$default' (path '$mpath') not found" >&2; exit 1; }
cp -r "$root/$mpath" "$stage/models/$default"
sed "s|^path *= *\"$mpath\"|path = \"$default\"|" "$root/models.toml" > "$stage/models/models.toml"

mkdir -p "$(dirname "$out")"
tar -C "$stage" -cf - bin lib models | gzip "-$level" > "$out.tmp"
mv "$out.tmp" "$out"
echo "dist: $(du -h "$out" | cut -f1) $out" >&2
echo "$out"
