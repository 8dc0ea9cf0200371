"""The site's root, after every language is built into ``OUTDIR/<lang>/``.

``python -m zoomguide.root OUTDIR`` writes, from ``docs/_templates/root/``:
``index.html`` (sends a visitor to their language), ``404.html`` (the 404 page of
the reader's language), ``robots.txt``, ``sitemap.xml`` (an index of each
language's sitemap) and the old addresses of ``guide_redirects`` without a
language folder (``redirect.html``, to the reader's language); and copies
``favicon.ico``. Settings come from conf.py, as the source language has them.
"""

from __future__ import annotations

import runpy
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader

from zoomguide.i18n import language_name, language_tag, page_title, translate
from zoomguide.pages import redirect_targets
from zoomguide.project import DOCS, LANGUAGES, ROOT, SOURCE_LANGUAGE


def write_root(out: Path) -> None:
    conf = runpy.run_path(str(ROOT / "conf.py"))
    templates = Environment(loader=FileSystemLoader(DOCS / "_templates"), keep_trailing_newline=True)
    languages = [{"code": lang, "tag": language_tag(lang), "name": language_name(lang),
                  "title": translate(page_title(conf["root_doc"]), lang, conf["root_doc"])} for lang in LANGUAGES]
    common = {"languages": languages, "source": languages[0], "site_url": conf["site_url"],
              "base": urlsplit(conf["site_url"]).path}
    for name in ("index.html", "404.html", "robots.txt", "sitemap.xml"):
        (out / name).write_text(templates.get_template(f"root/{name}").render(common), encoding="utf-8")
    for old, fragments in conf["guide_redirects"].items():
        page = old + ".html"
        targets = {lang: redirect_targets(page, fragments, f"{lang}/") for lang in LANGUAGES}
        (out / page).parent.mkdir(parents=True, exist_ok=True)
        (out / page).write_text(templates.get_template("redirect.html").render(
            language=language_tag(SOURCE_LANGUAGE), title=languages[0]["title"], targets=targets, default=SOURCE_LANGUAGE,
            canonical=f"{conf['site_url']}{SOURCE_LANGUAGE}/{fragments['']}.html"), encoding="utf-8")
    shutil.copyfile(out / SOURCE_LANGUAGE / "_static" / "favicon.ico", out / "favicon.ico")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m zoomguide.root OUTDIR (build every language into OUTDIR/<lang>/ first)")
    write_root(Path(sys.argv[1]))
