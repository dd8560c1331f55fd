# Gongzhi: two commands. `make demo` runs the platform with the demo city; `make test` runs the suite.
# Both set everything up first (virtualenv, Python and npm dependencies, translations), and reuse
# what is already there on a second run.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
PYTEST_ARGS ?=
# Two test processes: the machine CI runs on has two cores.
PYTEST_WORKERS ?= 2

.PHONY: setup demo test serve worker migrate messages lint clean

setup: $(VENV)/.installed node_modules/.installed messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# requirements.lock pins every transitive version so installs are reproducible.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Compiled catalogues (.mo) are build output: made here from the committed .po files.
messages: $(VENV)/.installed
	cd src/gongzhi && ../../$(BIN)/gongzhi compilemessages --ignore=.venv --verbosity 0

migrate: setup
	$(BIN)/gongzhi migrate --noinput

demo: setup
	PORT=$(PORT) $(BIN)/gongzhi demo --port $(PORT)

test: setup
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

serve: setup
	$(BIN)/gongzhi serve --port $(PORT)

worker: setup
	$(BIN)/gongzhi worker

clean:
	rm -rf $(VENV) node_modules var
