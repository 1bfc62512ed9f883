#!/usr/bin/env bash
# Build and run examples/consumer as a user's crate, following README.md "Use detente from your
# crate" step by step: a copy outside the checkout, `detente = { path = … }`, LIBTORCH set for
# the build, a build.rs for the run-time rpath, the model found through the search order.
# Its own target directory ($CONSUMER_TARGET_DIR, default target/consumer: kept between runs so
# that only the first run compiles the dependency tree); the checkout's Cargo.lock and
# `--offline`, so nothing is downloaded.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
app="$work/my-app"

# 1. A crate of your own that depends on detente (here: a copy of examples/consumer).
cp -r "$root/examples/consumer" "$app"
sed -i "s|^detente = { path = \"../..\" }|detente = { path = \"$root\" }|" "$app/Cargo.toml"
grep -q "^detente = { path = \"$root\" }" "$app/Cargo.toml"
cp "$root/Cargo.lock" "$app/Cargo.lock"

# 2. Build: torch-sys needs LIBTORCH (scripts/setup.sh put it in third_party/libtorch).
cd "$app"
export LIBTORCH="$root/third_party/libtorch" LIBTORCH_CXX11_ABI=0
export CARGO_TARGET_DIR="${CONSUMER_TARGET_DIR:-$root/target/consumer}"
start=$(date +%s)
cargo build --release --offline
echo "consumer build: $(( $(date +%s) - start )) s" >&2

# 3. Run it in a plain shell: no LD_LIBRARY_PATH, no DETENTE_MODELS.
out="$(cd "$work" && env -u LD_LIBRARY_PATH -u DETENTE_MODELS \
    "$CARGO_TARGET_DIR/release/detente-consumer" "$root/examples/data/seed_article.txt")"
echo "$out"
for want in $'Lindsey Graham\tUSA\tsupport' $'Mike Rogers\tUSA\toppose' $'Iran\tIRN\t' \
    'batch: 2 ok' 'jsonl: 2 lines, 1 error records'; do
    grep -qF "$want" <<<"$out" || { echo "consumer output lacks: $want" >&2; exit 1; }
done
echo "consumer crate: OK" >&2
