PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
DEMO := demo-out

.PHONY: install install-test native demo test bench clean

# what vinews needs to run, nothing more (the test and Ray extras apart)
$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) (Python 3.11)"; exit 1; }
	test -x $(BIN)/pip || $(PY) -m venv --clear $(VENV)  # a venv left half-made by a killed run is made again
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install -q -e '.[test]'
	touch $(TEST_STAMP)

install: $(STAMP)

install-test: $(TEST_STAMP)

# the compiled core (setup.py's NATIVE modules): recompile what changed since the last build, so
# an edited .py never runs as its old compiled self (skips what is current: a few seconds)
native: $(STAMP)
	@$(BIN)/python -c "import Cython" 2>/dev/null || $(BIN)/pip install -q "cython>=3.0"
	$(BIN)/python setup.py -q build_ext --inplace

# the main job on the bundled samples: extract, build a corpus, search it, say how to browse it
demo: install native
	$(BIN)/vinews extract samples/pages --output $(DEMO)/articles.jsonl --show
	$(BIN)/vinews build samples/pages --out $(DEMO)/corpus
	$(BIN)/vinews stats $(DEMO)/corpus
	$(BIN)/vinews index $(DEMO)/corpus
	$(BIN)/vinews search $(DEMO)/corpus "buoi ben tre"
	@echo
	@echo "Browse it:  $(BIN)/vinews serve $(DEMO)/corpus    then open http://127.0.0.1:8000/"
	@echo "SQL:        cd $(DEMO)/corpus && duckdb vinews.duckdb"

test: install-test native
	$(BIN)/python -m pytest -q -n 2

bench: install-test
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/extract_quality.py --lopo
	$(BIN)/python bench/extract_robustness.py
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/extract_speed.py --no-cache
	$(BIN)/python bench/html_vs_peers.py
	$(BIN)/python bench/warc_stream.py --records 10000
	$(BIN)/python bench/dedup_quality.py
	$(BIN)/python bench/dedup_speed.py
	$(BIN)/python bench/search_latency.py
	$(BIN)/python bench/entities_quality.py

clean:
	rm -rf $(VENV) demo-out build
	find src -name "*.so" -delete
