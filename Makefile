# Two commands on a fresh machine:  make demo  (reviews samples/demo → out/demo)  and  make test.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
OUT    ?= out/demo

.PHONY: setup system-deps bench-deps demo test eval eval-keyword train bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

# LibreOffice reads legacy .doc/.wps; without it those files are reported as failed (with what to install).
system-deps:
	@command -v soffice >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui >/dev/null) \
	  || echo "note: LibreOffice (soffice) not installed; .doc/.wps files will be reported as failed"; }

demo: setup system-deps
	$(PY) -m pipeline review samples/demo --out $(OUT)
	@echo "open $(OUT)/index.html"

test: setup system-deps
	$(PY) -m pytest

eval: setup system-deps
	$(PY) -m pipeline eval samples/eval --labels samples/eval_labels.yaml --out out/eval

eval-keyword: setup system-deps
	$(PY) -m pipeline eval samples/eval --labels samples/eval_labels.yaml --out out/eval-keyword --mode keyword

train: setup
	$(PY) -m pipeline train

# The benchmark renders its scans with WenQuanYi Zen Hei and times tesseract chi_sim beside the pipeline.
bench-deps:
	@{ [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] && command -v tesseract >/dev/null 2>&1; } || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && (apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei tesseract-ocr tesseract-ocr-chi-sim >/dev/null) \
	  || echo "note: install fonts-wqy-zenhei (and tesseract-ocr-chi-sim for the comparison) to run the benchmark"; }

bench: setup bench-deps
	$(PY) bench/run_bench.py

clean:
	rm -rf out build *.egg-info
