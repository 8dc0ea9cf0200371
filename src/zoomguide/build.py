"""Build every language of the site in one go, importing Sphinx once.

``make html`` runs ``python -m zoomguide.build``. Each language is still its own
Sphinx build (``sphinx-build -b html -D language=xx``, same options, same output
folders), but instead of one ``sphinx-build`` process per language, each paying
the 0.6–0.7 s of importing Sphinx, the theme and the extensions, this process
imports them once and then forks one child per language: the children build side
by side (``-j``) and start with everything already imported. After every language
is built, the site-wide steps (``--then MODULE``: ``MODULE.main([OUTDIR/html])``)
run in this same process, where their imports are already done too.

Usage::

    python -m zoomguide.build [-j N] [--then MODULE]... BUILDDIR LANG... -- SPHINX-BUILD-OPTIONS

The HTML of ``LANG`` goes to ``BUILDDIR/html/LANG``, its doctrees to
``BUILDDIR/doctrees/LANG``; ``SPHINX-BUILD-OPTIONS`` are those of ``sphinx-build``
(``-W``, ``-n``, ``-c .``, ``-D``...). The source folder is ``--source`` (``docs``).
The exit status is that of the first failing step.

As a Sphinx extension (loaded by :mod:`zoomguide`), this module makes every build
cheaper, whoever runs it (``make html``, ``make live`` after a save): the compiled
Jinja templates of the theme are kept in the doctree folder, so that a rebuild does
not compile them again, and MyST's markdown parser is reused from one translated
message to the next instead of being built anew for each.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import os
import runpy
import sys
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx


# -- The driver --------------------------------------------------------------------


def _parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    if "--" in argv:
        cut = argv.index("--")
        argv, sphinx_options = argv[:cut], argv[cut + 1 :]
    else:
        sphinx_options = []
    parser = argparse.ArgumentParser(prog="python -m zoomguide.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("builddir", type=Path)
    parser.add_argument("languages", nargs="+", metavar="lang")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                        help="languages built at the same time (default: the number of CPUs)")
    parser.add_argument("--source", default="docs", help="the source folder (default: docs)")
    parser.add_argument("--builder", default="html", help="the Sphinx builder (default: html)")
    parser.add_argument("--then", action="append", default=[], metavar="MODULE",
                        help="after every language: MODULE.main([BUILDDIR/<builder>]) in this process")
    return parser.parse_args(argv), sphinx_options


def _confdir(sphinx_options: list[str], source: str) -> Path:
    for i, option in enumerate(sphinx_options):
        if option == "-c" and i + 1 < len(sphinx_options):
            return Path(sphinx_options[i + 1])
        if option.startswith("--conf-dir="):
            return Path(option.split("=", 1)[1])
    return Path(source)


def warm_up(confdir: Path) -> None:
    """Import what every language's build imports: Sphinx's built-in extensions,
    the extensions and the theme named in conf.py (conf.py only assigns values,
    so reading it here is cheap and has no effect on the builds)."""
    from sphinx.application import builtin_extensions

    names = list(builtin_extensions) + ["sphinx.builders.html", "sphinx.writers.html5"]
    conf = confdir / "conf.py"
    if conf.exists():
        namespace = runpy.run_path(str(conf))
        names += [str(name) for name in namespace.get("extensions", [])]
        if isinstance(namespace.get("html_theme"), str):
            names.append(namespace["html_theme"])
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # the build itself reports a missing extension or theme


def _build_one(builder: str, sphinx_options: list[str], source: str, builddir: Path, lang: str) -> int:
    from sphinx.cmd.build import build_main

    return build_main([
        "-b", builder, *sphinx_options, "-D", f"language={lang}",
        "-d", str(builddir / "doctrees" / lang), source, str(builddir / builder / lang),
    ])


def build_languages(builder: str, sphinx_options: list[str], source: str, builddir: Path,
                    languages: list[str], jobs: int) -> int:
    """Build each language in a child process forked from this one (at most
    ``jobs`` at a time); without ``os.fork``, one after the other here."""
    if not hasattr(os, "fork") or jobs <= 1 or len(languages) == 1:
        status = 0
        for lang in languages:
            status = status or _build_one(builder, sphinx_options, source, builddir, lang)
        return status
    running: dict[int, str] = {}
    status = 0
    queue = list(languages)
    while queue or running:
        while queue and len(running) < jobs:
            lang = queue.pop(0)
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:  # the child: build one language, then leave without cleanup
                code = 1
                try:
                    code = _build_one(builder, sphinx_options, source, builddir, lang)
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os._exit(code)
            running[pid] = lang
        pid, wait_status = os.wait()
        lang = running.pop(pid)
        code = os.waitstatus_to_exitcode(wait_status)
        if code != 0:
            print(f"error: the {builder} build of {lang!r} failed (exit status {code})", file=sys.stderr)
            status = status or (code if code > 0 else 1)
    return status


def main(argv: list[str] | None = None) -> int:
    args, sphinx_options = _parse(sys.argv[1:] if argv is None else argv)
    warm_up(_confdir(sphinx_options, args.source))
    status = build_languages(args.builder, sphinx_options, args.source, args.builddir,
                             args.languages, args.jobs)
    if status:
        return status
    for name in args.then:
        code = importlib.import_module(name).main([str(args.builddir / args.builder)])
        if code:
            return int(code)
    return 0


# -- The extension: compiled templates kept between builds -------------------------


def _template_cache(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None or environment.bytecode_cache is not None:
        return
    from jinja2 import FileSystemBytecodeCache

    # Jinja checks each template's source against its cached code; the folder name
    # also changes with the Jinja extensions, which change what a template compiles to.
    key = hashlib.sha1(repr(sorted(environment.extensions)).encode()).hexdigest()[:12]
    folder = Path(app.doctreedir, "_jinja", key)
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def _reuse_markdown_parsers() -> None:
    """MyST builds a new markdown-it parser for every text it parses, and the
    translation of a page parses each of its messages on its own: about 15% of the
    CPU time of an English build. Give back the parser made for the same MyST
    configuration (and renderer) instead, unless it is in the middle of a render.
    The renderer starts afresh on every render (``setup_render``); the HTML is the
    same byte for byte."""
    import myst_parser.parsers.sphinx_ as myst_sphinx

    make = getattr(myst_sphinx, "create_md_parser")  # noqa: B009 (not in its __all__)
    if getattr(make, "zoomguide_reuses", False):
        return
    made: dict[tuple[int, Any], tuple[Any, Any, list[bool]]] = {}

    def create_md_parser(config: Any, renderer: Any) -> Any:
        key = (id(config), renderer)
        known = made.get(key)
        if known is not None and known[0] is config and not known[2][0]:
            return known[1]
        parser = make(config, renderer)
        busy = [False]
        render = parser.render

        def render_once(*args: Any, **kwargs: Any) -> Any:
            busy[0] = True
            try:
                return render(*args, **kwargs)
            finally:
                busy[0] = False

        setattr(parser, "render", render_once)  # noqa: B010 (this parser only)
        made[key] = (config, parser, busy)  # holding config keeps its id unique
        return parser

    create_md_parser.zoomguide_reuses = True  # type: ignore[attr-defined]
    setattr(myst_sphinx, "create_md_parser", create_md_parser)  # noqa: B010


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _template_cache)
    _reuse_markdown_parsers()
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    raise SystemExit(main())
