# The two commands a new user needs: `make demo` and `make test`. Both set up what they use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test stop bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is required"; exit 1; }
	@command -v java >/dev/null || { echo "Java 17 is required (for the local Neo4j)"; exit 1; }
	@command -v mvn >/dev/null || { echo "Maven is required (it fetches Neo4j from Maven Central)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

setup: $(STAMP)

demo: setup
	$(BIN)/peernet demo

test: setup
	$(BIN)/peernet db start --instance test
	$(BIN)/pytest

stop:
	-$(BIN)/peernet db stop
	-$(BIN)/peernet db stop --instance test

bench: setup
	$(BIN)/python -m bench.run

clean: stop
	rm -rf $(VENV) .peernet
