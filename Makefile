# The two commands of the README's quick start, each doing its own set-up on a fresh machine.
VENV := .venv
BIN := $(VENV)/bin
DEMO := var/demo
DEMO_ENV := TRACKER_DATABASE_URL=sqlite:///$(DEMO)/tracker.db TRACKER_OUTBOX_DIR=$(DEMO)/outbox \
	TRACKER_DIGESTS_DIR=$(DEMO)/digests TRACKER_CONFIG_DIR=config

.PHONY: demo test

$(BIN)/tracker: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint constraints.txt --editable '.[test]'
	touch $@

# The seed campaign of 2019, replayed by the real daemon on a virtual clock, from a fresh database.
demo: $(BIN)/tracker
	rm -rf $(DEMO)
	$(DEMO_ENV) $(BIN)/tracker load > /dev/null
	$(DEMO_ENV) $(BIN)/tracker run --replay-from 2019-08-19 --until 2019-11-08 --speed max \
		--arrivals config/demo/arrivals.csv

test: $(BIN)/tracker
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest
