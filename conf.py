"""Sphinx configuration of the guide, used as ``sphinx-build -c . docs OUT``.

Each setting is a decision; the reasons are in the comments. What differs by
language is set by the project's extension (src/zoomguide) once ``-D language=xx``
is known, because conf.py runs before that option is applied.
"""

from importlib.metadata import version as _version

from zoomguide.project import SOURCE_LANGUAGE

# -- The project --------------------------------------------------------------
# In the source language. zoomguide.i18n translates the title through the root
# page's catalog, the author and copyright through locale/<lang>/LC_MESSAGES/sphinx.po.
project = "大学の Zoom アカウントの作り方"
author = "東京大学 オンライン授業・Web会議 支援窓口"
copyright = "2020 東京大学"
# The guide's version (pyproject.toml: the procedure of spring 2020), in the catalogs'
# headers; the pages and the PDF do not show it.
release = version = _version("utaccount")

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinxcontrib.rsvgconverter",  # SVG figures to PDF for LaTeX (see "LaTeX / PDF")
    "zoomguide",
]

# -- Sources --------------------------------------------------------------------
# The source language (the first of pyproject.toml's list); every page is MyST
# Markdown under docs/. `-D language=xx` builds another.
language = SOURCE_LANGUAGE
root_doc = "index"
source_suffix = {".md": "markdown"}
# _includes/: parts of pages (MyST {include}), not pages of their own.
exclude_patterns = ["_includes"]
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
# html_last_updated_fmt: see "Publishing" below.
html_copy_source = False
html_show_sourcelink = False
# A figure is not a link to its own SVG (the figures are shown at full size; a
# link would only open the bare image, and a screen reader would announce it).
html_scaled_image_link = False
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
# No index and no module index: a short guide is read from its table of contents.
latex_domain_indices = False
# The help desk's pages come after the readers' chapters, as appendices.
latex_appendices = ["helpdesk", "reference"]
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
% No extra space between Japanese and Latin letters or digits: the pages already
% space them as the guide's style wants ("Zoom アカウント", "2020年3月16日"), and
% text copied from the PDF (the mail template) must be the text of the page.
\xkanjiskip=0pt plus 1pt minus 1pt\relax
% Figures are numbered per chapter: "3.1", not a second "Fig. 1" in chapter 4.
\AtBeginDocument{\renewcommand{\thefigure}{\thechapter.\arabic{figure}}}
% No "Release 2020.4" on the title page and in the running head: the version
% means nothing to a reader, and the title page has the date.
\makeatletter\renewcommand{\py@release}{}\renewcommand{\sphinxheadercomma}{}\makeatother
""",
    # Code lines (addresses, commands) wrap, even where they have no space.
    "sphinxsetup": "verbatimforcewraps",
    # Each figure stays at its step instead of floating to a later page.
    "figure_align": "H",
}
# SVG figures become PDF through rsvg-convert (Debian librsvg2-bin; the Makefile
# installs it): sphinxcontrib.rsvgconverter, in the extensions above. librsvg lays
# out text with Pango (font fallback, CSS), where CairoSVG's simple text API has no
# fallback; the figures' text stays text, with its fonts embedded.

# -- Publishing ---------------------------------------------------------------------
# (zoomguide.site: sitemap, Open Graph, 404 page, old addresses, dates, PDF link.)
import os  # noqa: E402

# The site's address, one setting for canonical URLs, Open Graph, the sitemap and
# robots.txt: `make html SITE_URL=https://owner.github.io/repo/`. The default is a
# placeholder; on Read the Docs the address comes from READTHEDOCS_CANONICAL_URL.
html_baseurl = os.environ.get("SITE_URL") or "https://zoomguide.example.org/"
# The project's own icon; the site step also copies favicon.ico to the site root.
html_favicon = "docs/_static/favicon.svg"
# Every page says when it was last changed (from git: the page, its images and,
# for a translation, its catalog), in the time zone of the university.
html_last_updated_fmt = ""
git_last_updated_timezone = "Asia/Tokyo"
# Open Graph: no generated social cards (they need matplotlib and differ by font).
ogp_social_cards = {"enable": False}
ogp_type = "article"
# The PDF of the page's language, below the navigation.
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/pdf.html",
        "sidebar/ethical-ads.html",
        "sidebar/scroll-end.html",
        "sidebar/variant-selector.html",
    ],
}
# Old addresses that other sites link to: {old page: {fragment: "docname#anchor"}};
# fragment "" is where the page went. The old page had the wrong-account section
# under #if_you_create_a_wrong_account; it is a page of its own now.
guide_redirects = {
    "zoom/create_account": {
        "": "create-account",
        "if_you_create_a_wrong_account": "wrong-account#if_you_create_a_wrong_account",
    },
}
