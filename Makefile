# Two entry points, both idempotent:
#   make lab    set up .venv (first time, or when pyproject.toml changed) and open JupyterLab
#   make test   same set-up, then lint, unit tests, stripped-notebook check and every notebook
# and, for the course website:
#   make site   the static site in _build/site/html (every lesson executed; docs/build.py)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.deps-stamp
NOTEBOOKS = $(shell find notebooks -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | sort)

SITE_STAMP = $(VENV)/.site-stamp

.PHONY: setup lab test lint stripped strip bench site clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

lab: setup                 # --allow-root only where we are root (containers)
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

lint: setup
	$(BIN)/ruff check .

stripped: setup            # notebooks are committed without outputs
	$(BIN)/nbstripout --verify $(NOTEBOOKS)

strip: setup               # remove outputs before committing
	$(BIN)/nbstripout $(NOTEBOOKS)

# NNLIB_STRICT_CLAIMS: a lesson sentence its cell contradicts fails.  -n 2 --dist loadfile:
# two workers (pytest-xdist), each file whole in one of them, so a notebook's cells run in
# order in one kernel; the browser, site and nbgrader tests overlap with the rest.
test: lint stripped teach-setup
	NNLIB_STRICT_CLAIMS=1 $(BIN)/python -m pytest -n 2 --dist loadfile tests/ --nbval-lax notebooks/

# Teachers (docs/teachers.md): nbgrader gets its own venv, .venv-teach, with nnlib and
# its dependencies for the grading kernel; in .venv it would add notebook 7 and its own
# JupyterLab and server extensions to the students' lab.  make test sets it up for
# tests/test_nbgrader.py.
TEACH       = .venv-teach
TEACH_STAMP = $(TEACH)/.deps-stamp

.PHONY: teach-setup assignments clean-teach

$(TEACH_STAMP): pyproject.toml
	test -x $(TEACH)/bin/python || $(PYTHON) -m venv $(TEACH)
	$(TEACH)/bin/python -m pip install --quiet -e '.[teach]'
	touch $(TEACH_STAMP)

teach-setup: $(TEACH_STAMP)

assignments: teach-setup   # nbgrader release notebooks in _build/course/release/<lesson>/
	$(TEACH)/bin/python tools/assignments.py --course _build/course

clean: clean-teach
clean-teach:
	rm -rf $(TEACH) _build/course

bench: setup
	$(BIN)/python benchmarks/bench_training.py

$(SITE_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,site]'
	touch $(SITE_STAMP)

site: $(SITE_STAMP)        # then open _build/site/html/index.html
	$(BIN)/python docs/build.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis _build
