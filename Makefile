# The two commands of README.md: `make demo` and `make test`. Both run scripts/setup.sh first,
# which fetches libtorch once (pinned wheels from PyPI) into third_party/.
CARGO ?= cargo
export LIBTORCH := $(CURDIR)/third_party/libtorch
export LIBTORCH_CXX11_ABI := 0

# `cli` builds the `detente` command; every target uses the same feature set so that cargo never
# rebuilds the library just to switch features.
FEATURES := --features cli

.PHONY: setup demo test lint bench peers train eval fuzz consumer report

setup:
	@bash scripts/setup.sh libtorch

demo: setup
	$(CARGO) run --release $(FEATURES) --bin detente -- tag

test: setup
	$(CARGO) build --release --examples $(FEATURES)   # tests/cli.rs runs the built `tag` example
	$(CARGO) test --release --all-targets $(FEATURES)  # + tests/detente_bin.rs: the moved binary
	$(CARGO) test --release --doc $(FEATURES)
	bash scripts/consumer_test.sh                      # README "Use detente from your crate"

# The out-of-tree consumer crate alone (its own target dir: target/consumer).
consumer: setup
	bash scripts/consumer_test.sh

# The HTML report of the example article, and its screenshot by headless Chromium (Debian:
# apt-get install chromium): docs/report-seed.html, docs/report-seed.png.
report: setup
	$(CARGO) build --release $(FEATURES) --bin detente
	target/release/detente tag --threads 2 --html docs/report-seed.html examples/data/seed_article.txt
	bash scripts/screenshot.sh docs/report-seed.html docs/report-seed.png

lint: setup
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets $(FEATURES) -- -D warnings

bench: setup
	$(CARGO) bench --bench ner --bench rules
	python3 scripts/bench_table.py

peers: setup
	bash scripts/peers.sh

# Scale-out (docs/SCALE.md): the relocatable release tarball, and the Spark / Ray local-mode
# tests on it. scripts/setup_scale.sh installs Java 17 + patchelf (apt) and the pyspark/ray venv
# in $(SCALE_DIR)/scale-venv once; downloads are cached in $(SCALE_DIR)/.scale-wheels.
SCALE_DIR ?= $(CURDIR)/third_party
export SCALE_DIR

.PHONY: dist scale-setup scale-test

dist: setup
	@bash scripts/setup_scale.sh apt
	$(CARGO) build --release $(FEATURES) --bin detente
	bash scripts/dist.sh

scale-setup:
	@bash scripts/setup_scale.sh

scale-test: dist scale-setup
	bash scripts/scale_test.sh
