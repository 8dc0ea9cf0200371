# The guide's build. `make help` lists the targets; README.md explains them.
#
# Each language is its own Sphinx build (-D language=xx) into $(BUILDDIR)/html/xx,
# as in fortran-lang/fpm-docs. The languages themselves are listed once, in
# pyproject.toml ([tool.zoomguide] languages); the first is the source language.

BUILDDIR    ?= _build
SPHINXOPTS  ?=
VENV        ?= .venv
PYTHON3     ?= python3
PY          := $(VENV)/bin/python
SPHINXBUILD := $(VENV)/bin/sphinx-build
# Warnings are errors (conf.py sets nitpicky), every warning reported before stopping.
SPHINXFLAGS := -W --keep-going -q -c . $(SPHINXOPTS)
LANGUAGES   := $(shell $(PYTHON3) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["tool"]["zoomguide"]["languages"])')
SOURCE_LANG := $(firstword $(LANGUAGES))
TRANSLATIONS := $(filter-out $(SOURCE_LANG),$(LANGUAGES))
JOBS        ?= $(shell nproc 2>/dev/null || echo 1)
# Where `make gettext` updates the catalogs (tests/test_catalog_sync.py points it at a copy).
LOCALEDIR   ?= locale

export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1585699200)
export PYTHONDONTWRITEBYTECODE := 1

# $(call apt_need,COMMAND,DEBIAN PACKAGES): install the packages when COMMAND is
# missing (apt-get; sudo when not root), or stop with the command to run.
# $(call apt_unless,SHELL TEST,WHAT,DEBIAN PACKAGES): the same, when the test fails.
define apt_unless
@$(1) >/dev/null 2>&1 || { \
  echo "Installing Debian packages for $(2): $(3)"; \
  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
  else echo "error: $(2) is missing. Run: sudo apt-get install $(3)" >&2; exit 1; fi; \
  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(3) >/dev/null; } \
  || { echo "error: could not install $(3). Run: sudo apt-get install $(3)" >&2; exit 1; }; }
endef
apt_need = $(call apt_unless,command -v $(1),$(1),$(2))

.PHONY: help venv html $(addprefix html-,$(LANGUAGES)) gettext doctest test clean

help:
	@echo "make html       build every language into $(BUILDDIR)/html/<lang>/ ($(LANGUAGES))"
	@echo "make latexpdf   build one PDF per language into $(BUILDDIR)/pdf/ (Debian TeX packages if missing)"
	@echo "make site       the whole site to publish: html, latexpdf, the PDFs in $(BUILDDIR)/html/pdf/"
	@echo "make live       live-reloading preview of one language (LANG=xx, default $(SOURCE_LANG)) on port $(LIVE_PORT)"
	@echo "make gettext    extract messages from docs/ and update locale/<lang>/LC_MESSAGES/*.po"
	@echo "make screenshots  PNGs of every page into $(BUILDDIR)/screenshots/ (headless Chromium)"
	@echo "make doctest    run the examples of the guide and of the docstrings"
	@echo "make test       the whole test suite (builds what it needs)"
	@echo "make linkcheck  check the external links of every language (needs the network)"
	@echo "make bench      build speed and page weight, as ratios to baselines of the same run"
	@echo "make clean      remove $(BUILDDIR)"
	@echo "one language:   make html-xx, latexpdf-xx, linkcheck-xx ($(LANGUAGES))"
	@echo "set-up only:    make venv (Python packages), check-tools (npm, Chromium, fonts, poppler), pdf-tools (TeX)"

# --- set-up: a virtual environment with the pinned packages ---------------------
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON3) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "error: Python 3.11 or newer is needed as $(PYTHON3)" >&2; exit 1; }
	$(call apt_unless,$(PYTHON3) -c 'import ensurepip',Python's venv module,python3-venv)
	$(PYTHON3) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

# --- HTML ----------------------------------------------------------------------
# One process imports Sphinx once and forks a build per language (-j$(JOBS) side by
# side, same options and folders as html-<lang>); the site steps (--then) run in it too.
html: venv
	$(PY) -m zoomguide.build -j$(JOBS) --then zoomguide.rootindex --then zoomguide.site \
	  $(BUILDDIR) $(LANGUAGES) -- $(SPHINXFLAGS)
	@echo "Built $(addprefix $(BUILDDIR)/html/,$(LANGUAGES)) and $(BUILDDIR)/html/index.html"

$(addprefix html-,$(LANGUAGES)): html-%: venv
	$(SPHINXBUILD) -b html $(SPHINXFLAGS) -D language=$* -d $(BUILDDIR)/doctrees/$* docs $(BUILDDIR)/html/$*

# --- PDF -----------------------------------------------------------------------
# One PDF per language, built side by side like html, collected in $(BUILDDIR)/pdf/
# with the language code in each name (zoomguide.latex names the .tex file).
TEX_PACKAGES := texlive-lang-japanese texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended tex-gyre latexmk

.PHONY: latexpdf $(addprefix latexpdf-,$(LANGUAGES)) pdf-tools

latexpdf: venv pdf-tools
	@$(MAKE) --no-print-directory -j$(JOBS) $(addprefix latexpdf-,$(LANGUAGES))
	@echo "Built" $(BUILDDIR)/pdf/*.pdf

$(addprefix latexpdf-,$(LANGUAGES)): latexpdf-%: venv pdf-tools
	$(SPHINXBUILD) -b latex $(SPHINXFLAGS) -D language=$* -d $(BUILDDIR)/doctrees/latex-$* docs $(BUILDDIR)/latex/$*
	$(MAKE) --no-print-directory -C $(BUILDDIR)/latex/$* all-pdf LATEXMKOPTS=-silent
	@mkdir -p $(BUILDDIR)/pdf
	for tex in $(BUILDDIR)/latex/$*/*.tex; do cp "$${tex%.tex}.pdf" $(BUILDDIR)/pdf/; done

# TeX for the PDF, rsvg-convert for its SVG figures.
pdf-tools:
	$(call apt_need,uplatex,$(TEX_PACKAGES))
	$(call apt_need,latexmk,latexmk)
	$(call apt_need,rsvg-convert,librsvg2-bin)

# --- publishing: the whole site, and a live preview for writers -----------------
# The site's address is SITE_URL (`make site SITE_URL=https://owner.github.io/repo/`,
# or the environment), read by conf.py; unset, a placeholder (README, "Publishing").
.PHONY: site live
site: venv
	@$(MAKE) --no-print-directory html
	@$(MAKE) --no-print-directory latexpdf
	@mkdir -p $(BUILDDIR)/html/pdf
	cp $(BUILDDIR)/pdf/*.pdf $(BUILDDIR)/html/pdf/
	@echo "Built the site in $(BUILDDIR)/html: $(LANGUAGES) and their PDFs in pdf/"

# One language, rebuilt and reloaded in the browser on every change of a page, a
# catalog or the extension. The language is the source language unless LANG=xx is
# given on the command line (LANG from the environment is the locale, not a choice).
LIVE_LANG := $(if $(filter command line,$(origin LANG)),$(LANG),$(SOURCE_LANG))
LIVE_PORT ?= 8000
live: venv
	$(if $(filter command line,$(origin LANG)),env LANG=C.UTF-8) $(VENV)/bin/sphinx-autobuild \
	  -c . $(SPHINXOPTS) -D language=$(LIVE_LANG) -d $(BUILDDIR)/live/doctrees-$(LIVE_LANG) \
	  --watch locale --watch src --ignore '*.mo' --host 127.0.0.1 --port $(LIVE_PORT) \
	  docs $(BUILDDIR)/live/$(LIVE_LANG)

# --- translation: one step from the Japanese pages to updated catalogs ----------
gettext: venv
	$(SPHINXBUILD) -b gettext $(SPHINXFLAGS) -d $(BUILDDIR)/doctrees/gettext docs $(BUILDDIR)/gettext
	$(VENV)/bin/sphinx-intl update -p $(BUILDDIR)/gettext -d $(LOCALEDIR) $(addprefix -l ,$(TRANSLATIONS)) -w 0

# --- screenshots: every page, every language, phone and desktop, light and dark --
.PHONY: screenshots
screenshots: html
	$(call apt_need,chromium,chromium fonts-noto-cjk)
	$(PY) -m zoomguide.screenshots $(BUILDDIR)

# --- checks --------------------------------------------------------------------
doctest: venv
	$(SPHINXBUILD) -b doctest $(SPHINXFLAGS) -D language=$(SOURCE_LANG) -d $(BUILDDIR)/doctrees/doctest docs $(BUILDDIR)/doctest

test: venv check-tools
	$(PY) -m pytest

# Tools of the checks beyond the venv: npm packages (textlint, axe-core) pinned in
# package-lock.json, installed into node_modules/ with `npm ci` (Node.js 20 or newer);
# Chromium and a Japanese font for the browser tests (tests/test_browser.py);
# poppler-utils to read the PDFs (tests/test_pdf.py).
.PHONY: check-tools linkcheck $(addprefix linkcheck-,$(LANGUAGES))
check-tools: node_modules/.installed
	$(call apt_need,chromium,chromium fonts-noto-cjk)
	$(call apt_unless,fc-list :lang=ja family | grep -q .,a Japanese font,fontconfig fonts-noto-cjk)
	$(call apt_need,pdffonts,poppler-utils poppler-data)
node_modules/.installed: package.json package-lock.json
	$(call apt_need,npm,nodejs npm)
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' || { \
	  echo "error: the pinned npm packages need Node.js 20 or newer; this is $$(node --version)." >&2; \
	  echo "Install Node.js 20 (https://nodejs.org/en/download, or NodeSource's Debian packages), then run make test again." >&2; \
	  exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# External links, with Sphinx's linkcheck builder: needs the network, so not in `make test`.
linkcheck: venv
	@$(MAKE) --no-print-directory -k $(addprefix linkcheck-,$(LANGUAGES))
$(addprefix linkcheck-,$(LANGUAGES)): linkcheck-%: venv
	$(SPHINXBUILD) -b linkcheck $(SPHINXFLAGS) -D language=$* -d $(BUILDDIR)/doctrees/linkcheck-$* docs $(BUILDDIR)/linkcheck/$*

# Build speed and page weight as ratios to baselines measured in the same run
# (benchmarks/bench.py; README "Benchmarks"): $(BUILDDIR)/bench.md (the table) and
# $(BUILDDIR)/bench.json. BENCHFLAGS: e.g. --runs 3, --skip html, --skip pdf,
# --skip lighthouse, --page /en/index.html.
.PHONY: bench
bench: venv check-tools pdf-tools
	$(PY) benchmarks/bench.py --builddir $(BUILDDIR) --venv $(VENV) $(BENCHFLAGS)

clean:
	rm -rf $(BUILDDIR)
