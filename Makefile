# The two commands a newcomer needs: `make serve` and `make test`. Both create .venv/ first.
# `make serve PORT=8001` previews on another port.
PORT ?= 8000
.PHONY: serve build test test-fast lint bench venv

venv:
	@scripts/bootstrap

serve: venv
	@.venv/bin/python -m cookiepolicy.adapters.mkdocs.serve $(PORT)

build: venv
	NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict

lint: venv
	.venv/bin/ruff check .

test:
	@scripts/bootstrap --test
	.venv/bin/ruff check .
	.venv/bin/mypy
	NO_MKDOCS_2_WARNING=1 .venv/bin/python -m pytest -n 2

# the core alone: no build, no command, no git, no browser (tests/support/tiers.py decides), under a minute
test-fast:
	@scripts/bootstrap
	POLICY_TEST_TIER=fast NO_MKDOCS_2_WARNING=1 .venv/bin/python -m pytest -n 2 -q -m "not slow"

bench: venv
	.venv/bin/python benchmarks/run.py
