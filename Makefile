# The two commands of the README's quick start, each doing its own set-up on a fresh machine.
VENV := .venv
BIN := $(VENV)/bin
DEMO := var/demo
DEMO_PORT ?= 8000
DEMO_SERVE ?= 1
DEMO_UNTIL := 2019-11-08
DEMO_ENV := TRACKER_DATABASE_URL=sqlite:///$(DEMO)/tracker.db TRACKER_OUTBOX_DIR=$(DEMO)/outbox \
	TRACKER_DIGESTS_DIR=$(DEMO)/digests TRACKER_CONFIG_DIR=config

.PHONY: bench demo test

$(BIN)/tracker: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint constraints.txt --editable '.[test]'
	touch $@

# The seed campaign of 2019, replayed by the real daemon on a virtual clock, from a fresh database;
# then the dashboard on that database (its clock starting where the replay stopped) until Ctrl-C, with
# a clerk account made for the demo. DEMO_SERVE=0 stops after the replay; DEMO_PORT picks the port.
demo: $(BIN)/tracker
	rm -rf $(DEMO)
	$(DEMO_ENV) $(BIN)/tracker load > /dev/null
	$(DEMO_ENV) $(BIN)/tracker run --replay-from 2019-08-19 --until $(DEMO_UNTIL) --speed max \
		--arrivals config/demo/arrivals.csv
	@if [ "$(DEMO_SERVE)" != "0" ]; then \
		password=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(9))'); \
		echo "$$password" | $(DEMO_ENV) $(BIN)/tracker user add demo --name "Cán bộ Ban Tổ chức (demo)" \
			--role clerk --password-stdin > /dev/null && \
		echo "Tài khoản: demo / Mật khẩu: $$password" && \
		$(DEMO_ENV) $(BIN)/tracker web --port $(DEMO_PORT) \
			--as-of "$(DEMO_UNTIL)T17:00:00+07:00"; \
	fi

test: $(BIN)/tracker
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

# Every benchmark of bench/ at sizes that finish in under ten minutes on 2 cores, then one table: each
# figure against a limit measured in the same run, and the goal of issue 12 it is held to (README,
# "Benchmarks"). BENCH_ARGS=--full runs the issue's sizes (about an hour); --only NAME… a few of them.
bench: $(BIN)/tracker
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)
