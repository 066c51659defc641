# The two commands of the quick start: `make run` and `make test`.
# Both create .venv on first use; nothing else is needed on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SCREENSHOTS ?= screenshots
AXE    := tests/a11y/node_modules/axe-core/axe.min.js

.PHONY: run test lint bench catalogues clean constraints portal-screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# One stamp per install flavour, redone when pyproject.toml or constraints.txt changes. Every
# install takes its versions from constraints.txt, as CI and the Pi wheelhouse do.
$(VENV)/.run-installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,listing]'
	touch $@ $(VENV)/.run-installed

# Pin anew after changing the dependencies in pyproject.toml: the newest versions that install
# together, in a scratch venv, frozen into constraints.txt (review the diff, then commit it).
constraints:
	rm -rf .venv-pin && $(PYTHON) -m venv .venv-pin
	.venv-pin/bin/pip install --quiet --upgrade pip
	.venv-pin/bin/pip install --quiet -e '.[dev,listing]'
	{ sed -n '1,/^# Regenerate/p' constraints.txt; \
	  .venv-pin/bin/pip freeze --all --exclude-editable | grep -v '^pip=='; } > constraints.txt.new
	mv constraints.txt.new constraints.txt && rm -rf .venv-pin

# With a display: the kiosk in a window on the simulated kit.
# Without one: a headless demo tour that writes screenshots.
run: $(VENV)/.run-installed
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(BIN)/stem-kiosk run --simulate --windowed; \
	else \
		echo "No display: running the headless demo, screenshots in $(SCREENSHOTS)/"; \
		$(BIN)/stem-kiosk run --simulate --headless --screenshots $(SCREENSHOTS); \
	fi

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint $(AXE)
	$(BIN)/python -m pytest

# axe-core for the portal's accessibility test, at the version tests/a11y/package-lock.json
# pins (npm, from the npm registry). Without npm the test skips (under CI=true it fails).
$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/a11y --no-audit --no-fund --silent && touch $@; \
	else echo "npm is not installed: the portal's accessibility test will skip"; fi

# Every portal page as a whole-page PNG at 1366x768 and 390x844, and the funder report as a
# PDF, in $(SCREENSHOTS)/portal: to look at before a release.
portal-screenshots: $(VENV)/.dev-installed $(AXE)
	STEM_PORTAL_SCREENSHOTS=$(SCREENSHOTS)/portal $(BIN)/python -m pytest -q \
		tests/listing/test_portal_accessibility.py

bench: $(VENV)/.dev-installed
	$(BIN)/python -m tests.bench

# After editing a .po: compile the .mo files the kiosk and listing read, and the .pot templates
# (needs gettext's msgfmt). Commit them with the .po: `make test` fails on a stale one.
catalogues: $(VENV)/.dev-installed
	$(BIN)/python -m tests.i18n.catalogues

clean:
	rm -rf $(VENV) .venv-pin $(SCREENSHOTS) bench-results .pytest_cache .ruff_cache tests/a11y/node_modules
