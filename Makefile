# tifa — make report (build everything and run the main job), make test (run the test suite)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install git-filter report test lab clean-reports clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@# quiet unless it fails (setuptools' framed "Editable installation" notice is not news)
	@$(BIN)/python -m pip install --quiet --upgrade pip >$(VENV)/install.log 2>&1 \
	  && $(BIN)/python -m pip install --quiet -e ".[dev]" >>$(VENV)/install.log 2>&1 \
	  || { cat $(VENV)/install.log; echo "make install: pip failed (log: $(VENV)/install.log)"; exit 1; }
	@$(MAKE) --no-print-directory git-filter
	touch $(STAMP)

# nbstripout as git filter, not required, and found through the working tree's own .venv (a path
# relative to the top of the working tree, where git runs filters): after `make clean` (no .venv)
# git status and git add keep working and store the notebook as it is, with a warning.
NBSTRIP := if [ -x .venv/bin/python ]; then exec .venv/bin/python -m nbstripout
git-filter:
	@git rev-parse --git-dir >/dev/null 2>&1 || exit 0; \
	git config filter.nbstripout.clean "sh -c '$(NBSTRIP); else echo \"tifa: no .venv, notebook stored with its outputs (run make install)\" >&2; exec cat; fi'"; \
	git config filter.nbstripout.smudge cat; \
	git config --unset filter.nbstripout.required || true; \
	git config diff.ipynb.textconv "sh -c '$(NBSTRIP) -t \"\$$0\"; else exec cat \"\$$0\"; fi'"

report: install
	$(BIN)/python -m helpers report

test: install
	$(BIN)/python -m pytest

# JupyterLab refuses to start as root ("Running as root is not recommended"); in a container,
# where root is the only user, start it with --allow-root and say so.
LAB_FLAGS := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
lab: install
	@$(if $(LAB_FLAGS),echo "make lab: running as root (a container?): starting JupyterLab with --allow-root. On a shared machine, run make lab as your own user instead.",true)
	$(BIN)/jupyter lab $(LAB_FLAGS) notebooks/

clean-reports:
	rm -rf reports/

clean: clean-reports
	rm -rf $(VENV) .pytest_cache .hypothesis
