# litmine: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= db/litmine.sqlite

.PHONY: install demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/litmine ingest corpus/*.txt --db $(DB)
	$(BIN)/litmine stats --db $(DB)
	@echo "--- sample query: what does exercise do to TNF-α?"
	$(BIN)/litmine query --db $(DB) --target TNF --limit 10

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) db/*.sqlite* .pytest_cache
