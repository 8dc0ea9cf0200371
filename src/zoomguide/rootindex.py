"""Write the site's root ``index.html``: it sends a visitor to their language.

With JavaScript the browser's preferred languages choose; without it a meta
refresh goes to the source language, and every language is a plain link.

Usage: ``python -m zoomguide.rootindex OUTDIR`` (OUTDIR holds one folder per language).
"""

from __future__ import annotations

import html
import json
import runpy
import sys
from pathlib import Path

from zoomguide.i18n import PREFERRED_LANGUAGE_JS, language_name, translate
from zoomguide.project import LANGUAGES, ROOT, SOURCE_LANGUAGE


def render() -> str:
    title = str(runpy.run_path(str(ROOT / "conf.py"))["project"])
    links = "\n".join(
        f'    <li><a href="{lang}/index.html" hreflang="{lang}" lang="{lang}">'
        f"{html.escape(translate(title, lang, 'index'))}</a> ({html.escape(language_name(lang))})</li>"
        for lang in LANGUAGES
    )
    alternates = "\n".join(
        f'  <link rel="alternate" hreflang="{lang}" href="{lang}/index.html">' for lang in LANGUAGES
    )
    choose = "var l=(%s)(%s);if(l)location.replace(l+'/index.html'+location.hash);" % (
        PREFERRED_LANGUAGE_JS, json.dumps(list(LANGUAGES)))
    return f"""<!DOCTYPE html>
<html lang="{SOURCE_LANGUAGE}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{html.escape(title)}</title>
{alternates}
  <link rel="alternate" hreflang="x-default" href="{SOURCE_LANGUAGE}/index.html">
  <script>{choose}</script>
  <meta http-equiv="refresh" content="0; url={SOURCE_LANGUAGE}/index.html">
  <style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6}}</style>
</head>
<body>
  <ul>
{links}
  </ul>
</body>
</html>
"""


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m zoomguide.rootindex OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
