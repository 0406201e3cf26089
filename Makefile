# tifa — make report (build everything and run the main job), make test (run the test suite)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install report test lab clean-reports clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/nbstripout --install --attributes .gitattributes >/dev/null 2>&1 || true
	touch $(STAMP)

report: install
	$(BIN)/python -m helpers report

test: install
	$(BIN)/python -m pytest

lab: install
	$(BIN)/jupyter lab notebooks/

clean-reports:
	rm -rf reports/

clean: clean-reports
	rm -rf $(VENV) .pytest_cache .hypothesis
