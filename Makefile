# The two commands a new user needs: `make demo` and `make test`. Both set up what they use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WEB_STAMP := web/node_modules/.installed

.PHONY: setup demo lint test stop bench clean chromium

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is required"; exit 1; }
	@command -v java >/dev/null || { echo "Java 17 is required (for the local Neo4j)"; exit 1; }
	@command -v mvn >/dev/null || { echo "Maven is required (it fetches Neo4j from Maven Central)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

# The pages' libraries (chart.js, cytoscape; axe-core for the tests), pinned by the lock file
# and served by the app from web/node_modules: nothing comes from a CDN at run time.
$(WEB_STAMP): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "Node.js and npm are required (for the web pages' libraries)"; exit 1; }
	cd web && npm ci --no-audit --no-fund
	@touch $@

# The browser tests drive Debian's chromium; Playwright never downloads a browser.
chromium:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

setup: $(STAMP) $(WEB_STAMP)

demo: setup
	$(BIN)/peernet demo

# The static checks, before any test: ruff (style and likely bugs), mypy --strict, and the
# rooms' import direction (import-linter; also a unit test). mypy and import-linter cannot see
# the rooms through the editable install's import hook, so they read the package from a tree
# of symlinks (tools/package_tree.py); lint-imports runs inside it, as it puts its working
# directory first on sys.path. Exceptions, each with its reason, are in pyproject.toml.
TREE := build/package-tree

lint: setup
	$(BIN)/ruff check .
	$(BIN)/python tools/package_tree.py $(TREE) >/dev/null
	$(BIN)/mypy
	cd $(TREE) && $(CURDIR)/$(BIN)/lint-imports --no-cache $(CURDIR)/pyproject.toml

test: setup chromium lint
	$(BIN)/peernet db start --instance test
	$(BIN)/pytest

stop:
	-$(BIN)/peernet db stop
	-$(BIN)/peernet db stop --instance test

bench: setup
	$(BIN)/python -m bench.run

clean: stop
	rm -rf $(VENV) .peernet
