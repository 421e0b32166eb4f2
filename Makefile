PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) (Python 3.11)"; exit 1; }
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/vinews extract samples/pages --output demo-out/articles.jsonl --show

test: install
	$(BIN)/python -m pytest -q -n 2

bench: install
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
	rm -rf $(VENV) demo-out
