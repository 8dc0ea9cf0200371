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
doctest_global_setup = "import utaccount"
