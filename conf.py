"""Sphinx configuration of the guide, used as ``sphinx-build -c . docs OUT``.

Each setting is a decision; the reasons are in the comments. What differs by
language is set by the project's extension (src/zoomguide) once ``-D language=xx``
is known, because conf.py runs before that option is applied.
"""

# -- The project --------------------------------------------------------------
# The title in the source language; other languages take it from their catalog
# of the root page (zoomguide.i18n).
project = "大学の Zoom アカウントの作り方"
author = "東京大学 オンライン授業・Web会議 支援窓口"
copyright = "2020, The University of Tokyo"
# The guide describes the procedure of spring 2020; the version says so.
release = version = "2020.4"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinxcontrib.rsvgconverter",  # SVG figures to PDF for LaTeX (see "LaTeX / PDF")
    "zoomguide",
]

# -- Sources --------------------------------------------------------------------
# Japanese is the source language; every page is MyST Markdown under docs/.
language = "ja"
root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
templates_path = ["docs/_templates"]

# Fail on anything suspicious: every reference must resolve (nitpicky), and the
# Makefile adds -W so that warnings are errors.
nitpicky = True

# MyST: ::: fences for callouts (readable in plain text), and definition lists.
myst_enable_extensions = ["colon_fence", "deflist"]
# No implicit heading slugs: each section has an explicit English label, so that
# anchors are readable and the same in every language.
myst_heading_anchors = 0
# Anchors of the old single-page guide that other sites link to (legacy anchor ->
# label of the section that now holds that content).
legacy_anchors = {"if_you_create_a_wrong_account": "if-you-create-a-wrong-account"}

# -- Translation ------------------------------------------------------------------
# Resolved against the source directory (docs/).
locale_dirs = ["../locale"]
# One catalog per page: a translator works on the page they changed.
gettext_compact = False
# Only messages that changed are re-flagged, and location comments (which move
# with every edit) stay out of the catalogs.
gettext_location = False
gettext_uuid = False
# A fuzzy translation is a stale one: never publish it (tests fail on it instead).
gettext_allow_fuzzy_translations = False

# -- HTML -------------------------------------------------------------------------
html_theme = "furo"
html_static_path = ["docs/_static"]
html_css_files = ["guide.css"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    # No "view source" / "edit" buttons: readers are students, not editors.
    "top_of_page_buttons": [],
}

# -- Doctest ----------------------------------------------------------------------
# The docstrings of utaccount call its functions by their bare names, as
# pytest --doctest-modules runs them in the module's namespace.
doctest_global_setup = "import utaccount\nfrom utaccount import *"

# -- LaTeX / PDF ------------------------------------------------------------------
# One PDF per language (make latexpdf). What depends on the language (title,
# author, file name <name>-<lang>.pdf, the date on the title page) is set by
# zoomguide.latex once -D language=xx is known; what follows holds for every language.
#
# upLaTeX for every language: it is Sphinx's engine for Japanese (class ujbook), and
# it sets the English guide (standard class) together with the Japanese mail template
# that the English guide shows. It needs only the Debian packages in the Makefile.
latex_engine = "uplatex"
# Readers print the guide and staff attach it to mail: URLs must be readable on
# paper. (No latex_show_pagerefs: Sphinx writes " (page N)" with half-width
# parentheses in every language; the table of contents gives the pages.)
latex_show_urls = "footnote"
# No index and no module index: a six-page guide is read from its table of contents.
latex_domain_indices = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "makeindex": "",
    "printindex": "",
    # Chapters start on the next page, not the next odd page: the guide is short
    # and is printed on both sides or read on screen.
    "extraclassoptions": "openany,oneside",
    "preamble": r"""
% Debian's TeX Live does not embed Japanese fonts (kanjiEmbed=noEmbed): embed the
% Harano Aji fonts that TeX Live ships, so the PDF looks the same everywhere.
\usepackage[haranoaji]{pxchfon}
% Unicode bookmarks and PDF metadata with upLaTeX (Sphinx adds it for ja only).
\usepackage{pxjahyper}
% Long addresses and URLs break anywhere instead of running off the page.
\usepackage{xurl}
""",
    "sphinxsetup": ",".join([
        # Code lines (the mail template, addresses) wrap, even without spaces.
        "verbatimforcewraps",
        "verbatimwithframe=true",
    ]),
}
# SVG figures become PDF through rsvg-convert (Debian librsvg2-bin; the Makefile
# installs it): sphinxcontrib.rsvgconverter, in the extensions above.
