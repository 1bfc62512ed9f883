# The two commands of README.md: `make demo` and `make test`. Both run scripts/setup.sh first,
# which fetches libtorch once (pinned wheels from PyPI) into third_party/.
CARGO ?= cargo
export LIBTORCH := $(CURDIR)/third_party/libtorch
export LIBTORCH_CXX11_ABI := 0

.PHONY: setup demo test lint bench peers train eval fuzz

setup:
	@bash scripts/setup.sh libtorch

demo: setup
	$(CARGO) run --release --example tag

test: setup
	$(CARGO) build --release --examples   # tests/cli.rs runs the built `tag` example
	$(CARGO) test --release --all-targets
	$(CARGO) test --release --doc

lint: setup
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings

bench: setup
	$(CARGO) bench --bench ner --bench rules
	python3 scripts/bench_table.py

peers: setup
	bash scripts/peers.sh
