"""Sphinx configuration of the guide: one language per build.

``make html-xx`` runs ``GUIDE_LANGUAGE=xx sphinx-build -c . docs _build/html/xx``;
on Read the Docs the language comes from ``READTHEDOCS_LANGUAGE``. This file
knows the language before anything else, so every setting below that differs by
language is a plain assignment. Each setting is a decision; the comments say why.
"""

import doctest
import os
from importlib.metadata import version as _version
from urllib.parse import urlsplit

from zoomguide.i18n import page_title, translate
from zoomguide.project import LANGUAGES, SOURCE_LANGUAGE

# -- The language of this build -------------------------------------------------
# The languages are listed once, in pyproject.toml ([tool.zoomguide] languages).
# guide_language keeps the language this file was read for: `-D language=…` would
# change `language` only, so zoomguide stops the build if the two differ.
language = guide_language = (
    os.environ.get("GUIDE_LANGUAGE") or os.environ.get("READTHEDOCS_LANGUAGE") or SOURCE_LANGUAGE
)

# -- The project ------------------------------------------------------------------
# The title is the root page's, as its catalog translates it; the author and
# copyright, in the source language, are translated by locale/<lang>/LC_MESSAGES/sphinx.po.
root_doc = "index"
project = html_title = translate(page_title(root_doc), language, root_doc)
author = translate("東京大学 オンライン授業・Web会議 支援窓口", language, "sphinx")
copyright = translate("2020 東京大学", language, "sphinx")
# The guide's version (pyproject.toml), in the catalogs' headers only.
release = version = _version("utaccount")
# Dates (the PDF's title page, each page's "last updated") are Sphinx's default
# format "%b %d, %Y" as the language's sphinx.po translates it: "2020年3月16日",
# "16 March 2020" (no today_fmt or html_last_updated_fmt here). `today` is the day of
# SOURCE_DATE_EPOCH, which the Makefile sets to the last commit: never the build day.

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",  # the reference page shows utaccount's docstrings
    "sphinx.ext.doctest",
    "sphinxcontrib.rsvgconverter",  # SVG figures to PDF for LaTeX: rsvg-convert (Makefile: librsvg2-bin), text stays text
    "sphinx_last_updated_by_git",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
    "zoomguide",
]

# -- Sources ----------------------------------------------------------------------
source_suffix = {".md": "markdown"}
# _includes/: parts of pages (MyST {include}), not pages of their own.
exclude_patterns = ["_includes"]
templates_path = ["docs/_templates"]
# Every reference must resolve; the Makefile adds -W, so warnings are errors.
nitpicky = True

# The reference documents one module: its functions are named without "utaccount."
# (shorter signatures, which on a phone then break between parameters, not in a name).
add_module_names = False

# MyST: ::: fences for callouts (readable in plain text), and definition lists.
myst_enable_extensions = ["colon_fence", "deflist"]
# (No implicit heading slugs, MyST's default: each section has an explicit English
# label, so that anchors are readable and the same in every language.)

# -- Translation --------------------------------------------------------------------
# Resolved against the source directory (docs/). (The Makefile's LOCALEDIR is for
# `make gettext` and `make catalogs` only, which tests run on a copy of locale/.)
locale_dirs = ["../locale"]
# One catalog per page: a translator works on the page they changed.
gettext_compact = False
# No location comments (they move with every edit) in the catalogs.
gettext_location = False
# A fuzzy translation is a stale one: never publish it (the tests fail on it instead).
gettext_allow_fuzzy_translations = False
# The figures' words are the catalog "figures"; zoomguide.figures sets
# figure_language_filename to a translation's figures, written with those words.

# -- HTML ---------------------------------------------------------------------------
html_theme = "furo"
html_static_path = ["docs/_static"]
html_css_files = ["guide.css"]
html_favicon = "docs/_static/favicon.svg"
# No copies of the Markdown sources in the site (nothing links to them).
html_copy_source = False
# No general index or module index: nothing links to them in a short guide, and
# the general index scrolls sideways on a phone.
html_use_index = False
html_domain_indices = False
# A figure is not a link to its own SVG (it is shown at full size already).
html_scaled_image_link = False
html_theme_options = {
    # No "view source" / "edit" buttons: readers are students, not editors.
    "top_of_page_buttons": [],
}
# furo's sidebar with the PDF of the page's language below the navigation
# (sidebar/pdf.html). The last two are furo's parts for Read the Docs (the place of
# its ad, where Read the Docs shows one, and its version menu): empty elsewhere.
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

# -- Publishing -----------------------------------------------------------------------
# The site's address, one setting: `make html SITE_URL=https://owner.github.io/repo/`.
# Every language lives below it in <lang>/ (on Read the Docs in <lang>/<version>/,
# and the address comes from Read the Docs). The default is a placeholder.
_read_the_docs = os.environ.get("READTHEDOCS") == "True"
_version_path = os.environ.get("READTHEDOCS_VERSION", "latest") + "/" if _read_the_docs else ""
site_url = os.environ.get("SITE_URL") or (
    os.environ["READTHEDOCS_CANONICAL_URL"].removesuffix(f"{language}/{_version_path}")
    if _read_the_docs else "https://zoomguide.example.org/")
site_url = site_url.rstrip("/") + "/"
# Canonical URLs and Open Graph (sphinxext-opengraph). Each page's description is
# written in its front matter (html_meta), translated like its text.
html_baseurl = ogp_site_url = f"{site_url}{language}/{_version_path}"
ogp_type = "article"
# No generated social cards (they need matplotlib and differ by font).
ogp_social_cards = {"enable": False}
# The sitemap of the language (sphinx-sitemap), with every language as alternates;
# the site's root sitemap.xml lists each language's (zoomguide.root).
sitemap_url_scheme = "{lang}" + _version_path + "{link}"
sitemap_locales = list(LANGUAGES)
sitemap_show_lastmod = True
sitemap_indent = 2
sitemap_excludes = ["search.html", "404.html", "zoom/*"]
# The 404 page is shown at any address: its links and assets start at the root.
notfound_urls_prefix = urlsplit(html_baseurl).path
# Every page says when it last changed, from git (the page, its images and, for a
# translation, its catalog), in the university's time zone.
git_last_updated_timezone = "Asia/Tokyo"
# Old addresses that other sites link to: {old page: {fragment: "docname#anchor"}};
# fragment "" is where the page went. The old page had the wrong-account section
# under #if_you_create_a_wrong_account; that section is a page of its own now.
guide_redirects = {
    "zoom/create_account": {
        "": "create-account",
        "if_you_create_a_wrong_account": "wrong-account",
    },
}
# The PDF of the page's language, from the site's root: `make site` copies the
# PDFs into pdf/; Read the Docs serves its own download.
guide_pdf_path = (f"_/downloads/{language}/{_version_path}pdf/" if _read_the_docs
                  else f"pdf/zoom-account-guide-{language}.pdf")

# -- Doctest --------------------------------------------------------------------------
# The docstrings of utaccount call its functions by their bare names, as
# pytest --doctest-modules runs them in the module's namespace.
doctest_global_setup = "import utaccount\nfrom utaccount import *"
# Examples mean what they say: no ELLIPSIS ("012....789" is the mask, not "…") and
# error messages are compared (Sphinx's default flags would allow both).
doctest_default_flags = doctest.DONT_ACCEPT_TRUE_FOR_1

# -- LaTeX / PDF ------------------------------------------------------------------------
# One PDF per language (make latexpdf): _build/pdf/zoom-account-guide-<lang>.pdf.
latex_documents = [
    (root_doc, f"zoom-account-guide-{language}.tex", project, author, "manual"),
]
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
# The help desk's pages come after the readers' chapters, as appendices (and on the
# web, previous/next do not lead from the readers' pages into them: zoomguide.navigation).
latex_appendices = ["helpdesk", "reference"]
_preamble = r"""
% Debian's TeX Live does not embed Japanese fonts (kanjiEmbed=noEmbed): embed the
% Harano Aji fonts that TeX Live ships, so the PDF looks the same everywhere.
\usepackage[haranoaji]{pxchfon}
% Unicode bookmarks and PDF metadata with upLaTeX (Sphinx adds it for ja only).
\usepackage{pxjahyper}
% Long addresses and URLs break anywhere instead of running off the page.
\usepackage{xurl}
% Inline code (addresses) breaks before a dot, not after it: "xxxx@g.ecc." at a
% line's end reads as the end of a sentence. (Sphinx's lists of the characters
% after or before which inline code may break; "." is in the first by default.)
\renewcommand*\sphinxbreaksbeforeactivelist{\do\.}
\renewcommand*\sphinxbreaksafteractivelist{\do\,\do\;\do\?\do\!\do\/}
% No extra space between Japanese and Latin letters or digits: the pages already
% space them as the guide's style wants ("Zoom アカウント", "2020年3月16日"), and
% text copied from the PDF (the mail template) must be the text of the page.
\xkanjiskip=0pt plus 1pt minus 1pt\relax
% Figures are numbered per chapter: "3.1", not a second "Fig. 1" in chapter 4.
\AtBeginDocument{\renewcommand{\thefigure}{\thechapter.\arabic{figure}}}
% No "Release 2020.4" on the title page and in the running head: the version
% means nothing to a reader, and the title page has the date.
\makeatletter\renewcommand{\py@release}{}\renewcommand{\sphinxheadercomma}{}\makeatother
% A request mail (its subject and text) goes to the next page whole when the page
% has no room for it: a page break would cut what a reader copies out.
\newenvironment{sphinxclassresend-request}{\par\needspace{9\baselineskip}}{}
% The request mail's gloss is set off from the text, as a quotation (on the web: a bar).
\newenvironment{sphinxclassresend-request-gloss}{\begin{quote}}{\end{quote}}
"""
if language == "ja":
    # Sphinx sets Japanese with a Japanese class (ujbook). A cross-reference is not
    # emphasised there: it already stands in 「」, and the class's emphasis would set
    # its Latin letters in italics ("*ECCS* クラウドメール").
    _preamble += r"\protected\def\sphinxcrossref#1{#1}" "\n"
    # A code block split across pages says so in full-width parentheses, as Japanese
    # prose writes them: "（次のページに続く）".
    _preamble += r"\renewcommand*\sphinxstylecodecontinued[1]{{\footnotesize（#1）}}" "\n"
    _preamble += r"\renewcommand*\sphinxstylecodecontinues[1]{{\footnotesize（#1）}}" "\n"
    # "付録A", as Japanese writes the word: the class writes it with a space ("付 録A").
    _preamble += r"\renewcommand{\appendixname}{付録}" "\n"
else:
    # Every other language is set in a standard class (a language in another
    # script needs its fonts here: README, "Adding a language").
    # In a standard class, General Punctuation (‘ ’ “ ” – — …) and Latin-1 (the
    # no-break space after ① in the figure captions, else a full-width space) are
    # Western. Other shared symbols (◯ and ①) stay Japanese: Western fonts lack them.
    _preamble += "\\usepackage{pxcjkcat}\n\\cjkcategory{sym04,latn1}{noncjk}\n"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "makeindex": "",
    "printindex": "",
    # Chapters start on the next page, not the next odd page: the guide is short
    # and is printed on both sides or read on screen.
    "extraclassoptions": "openany,oneside",
    "preamble": _preamble,
    # Code lines (addresses, commands) wrap, even where they have no space.
    "sphinxsetup": "verbatimforcewraps",
    # Each figure stays at its step instead of floating to a later page.
    "figure_align": "H",
    # The root page's text (the status today, the contents) follows the table of
    # contents; its running foot is empty, not the table's "Contents".
    "tableofcontents": r"\sphinxtableofcontents\markboth{}{}",
}
