# The two commands a new user needs: `make demo` and `make test`. Both set up what they use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WEB_STAMP := web/node_modules/.installed

.PHONY: setup demo test stop bench clean chromium

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

test: setup chromium
	$(BIN)/peernet db start --instance test
	$(BIN)/pytest

stop:
	-$(BIN)/peernet db stop
	-$(BIN)/peernet db stop --instance test

bench: setup
	$(BIN)/python -m bench.run

clean: stop
	rm -rf $(VENV) .peernet
