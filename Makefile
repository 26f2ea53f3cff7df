# Every target sets up what it needs: a fresh clone runs `make demo` or `make test` and nothing else.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml Makefile | cksum | cut -d' ' -f1)

.PHONY: install demo test soak e2e lint schemas templates bench goldens legal-review lock clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	rm -rf $(VENV)
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .  # hatchling from the lock: offline
	$(BIN)/python -m infoshare.render.shipped_templates  # the templates compiled ahead, as a wheel ships them
	$(BIN)/python -m compileall -q infoshare  # start-up reads bytecode even where PYTHONDONTWRITEBYTECODE is set
	touch $(STAMP)

## demo: set up, then check a ready example (a child welfare notification) in the terminal
demo: $(STAMP)
	$(BIN)/infoshare check examples/must-share-child-welfare-notification.yaml --lang en

## test: set up, lint (ruff) and type-check (mypy) the code, then run the test suite (unit, property, case files, CLI, the installed wheel)
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest --ignore=tests/e2e -n auto --dist loadfile  # one worker per core, each test file whole on one

## soak: the long runs left out of `make test`: long fuzzing, 10,000 questions in a row with flat memory, 10,000 rules
soak: $(STAMP)
	$(BIN)/python -m pytest --ignore=tests/e2e -m soak

## e2e: build the rulebook and check it in headless Chromium (Debian's chromium package; Playwright downloads no browser)
e2e: $(STAMP)
	INFOSHARE_E2E=required $(BIN)/python -m pytest tests/e2e

## lint: check the rule files (coded findings with file:line and a fix hint); exit 3 on errors
lint: $(STAMP)
	$(BIN)/infoshare lint

## schemas: write the JSON Schemas in schemas/ anew after a change to the vocabulary, rules or legal basis
schemas: $(STAMP)
	$(BIN)/python -m infoshare.review.schemas

## templates: compile the templates in templates/ anew into infoshare/render/compiled/ after editing one (set-up does it once; a wheel's build does it too)
templates: $(STAMP)
	$(BIN)/python -m infoshare.render.shipped_templates

## goldens: write the golden memos in tests/golden/ anew after an intended change (then review the diff)
goldens: $(STAMP)
	$(BIN)/python tests/test_memo.py --regenerate

## legal-review: write docs/legal-review.md anew from legal_basis/, rules/ and dossier_patterns.yaml
legal-review: $(STAMP)
	$(BIN)/infoshare legal-review -o docs/legal-review.md

## bench: questions per second through each engine, the semantic diff's time and classes, the cold start of a check
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

## lock: re-pin the dependencies after changing pyproject.toml (needs network access to PyPI)
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
