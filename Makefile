# Two commands do all the set-up: `make run` and `make test` (see README.md).
VENV   := .venv
PYTHON := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $(STAMP)

run: install
	mkdir -p out
	$(KG) build seeds -o out/graph.ttl
	$(KG) validate out/graph.ttl
	@for query in queries/*.rq; do \
		echo; echo "== $$query"; \
		$(KG) query $$query out/graph.ttl || exit 1; \
	done
	@echo; echo "== the actor network"
	$(KG) network out/graph.ttl --png out/actors.png --gexf out/actors.gexf

test: install
	$(PYTHON) -m pytest

lint: install
	$(VENV)/bin/ruff check kg tests benchmarks

# benchmarks/: ratios measured side by side, never failing on timing; the table goes to
# out/benchmarks.md (the synthetic stores stay in out/bench/cache: the first run makes them)
bench: install
	$(PYTHON) benchmarks/run.py --output out/benchmarks.md

clean:
	rm -rf out $(VENV)
