# Two commands set up a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_BOARD ?= assets/boards/demo.json

.PHONY: run test lint bench clean tools

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamps re-install whenever pyproject.toml changes.
$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/whiteboard $(RUN_BOARD)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .

# checkov gets its own venv: it pins networkx<2.7 and overwrites python-hcl2's `hcl2` module.
TOOLS_VENV := .venv-tools
$(TOOLS_VENV)/.installed:
	$(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/pip install --quiet checkov
	touch $@

tools: $(TOOLS_VENV)/.installed

test: $(VENV)/.test-installed $(TOOLS_VENV)/.installed lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The benches also need the diagrams peer (bench/bench_peer.py); it needs graphviz's `dot`,
# a system package, so it is an extra of its own and skipped (one row says so) without dot.
$(VENV)/.peer-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,peer]'
	touch $@ $(VENV)/.test-installed $(VENV)/.run-installed

# Benchmarks are not tests: `make bench` prints one table; BENCH_ARGS="--write bench/RESULTS.md".
bench: $(VENV)/.peer-installed
	@command -v dot >/dev/null || echo "bench: no graphviz 'dot' on the PATH, so the diagrams peer is skipped (apt-get install graphviz)"
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(TOOLS_VENV) .pytest_cache .hypothesis .ruff_cache
