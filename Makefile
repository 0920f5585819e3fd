# Two entry points for a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint setup bench clean

# The install also compiles the optional tokenizer loop (setup.py); rebuild when it changes.
$(STAMP): pyproject.toml setup.py src/berita_nlp/_tokenloop.pyx
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Main job: extract the bundled sample archive, print a summary, write JSONL.
demo: $(STAMP)
	mkdir -p out
	$(BIN)/berita-nlp extract samples/archive.jsonl -o out/sample-records.jsonl --overwrite
	$(BIN)/berita-nlp show out/sample-records.jsonl

# Whole test suite, plus lint and type checks.
test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info src/berita_nlp/_tokenloop.cpp src/berita_nlp/_tokenloop.*.so
