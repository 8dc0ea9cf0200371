"""Build speed and page weight of the guide, as ratios measured in one run.

Run by ``make bench`` (``python benchmarks/bench.py --builddir BUILDDIR``). The
machines that run it are shared and noisy, so each time is measured several times
(``--runs``) against a baseline measured in the same round, and the table gives
the median and the spread (lowest–highest) of the per-round ratios:

- start-up: a fresh process importing Sphinx, furo and myst-parser; the baseline of
  the clean bilingual ``make html``, of the no-change rebuild and of the rebuild
  after a page is edited (touched);
- one language alone (``make html-<lang>``, the slowest language) against both;
- the heaviest guide page with every asset a browser loads for it (a local server
  that sends gzip; headless Chromium), against furo's default page for the same
  text (the same pages built with a minimal conf.py: furo, no custom CSS, templates
  or site extensions); each figure (docs/img/*.svg) gzipped;
- Lighthouse (mobile), one page per language;
- both PDFs from clean against one (``make latexpdf`` vs ``make latexpdf-<lang>``);
- the peak memory (largest process) of the builds.

Every build runs in a copy of the repository in a temporary folder (docs/ is never
touched in place), with the project's virtualenv. The table is printed, and
written with every sample to BUILDDIR/bench.json and BUILDDIR/bench.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import mimetypes
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zoomguide.localhost import CHROMIUM, StaticHost, launch_chromium, serve
from zoomguide.project import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
#: What is copied into the temporary folder where every build runs.
COPIED = ["docs", "locale", "conf.py", "src", "pyproject.toml", "Makefile", "requirements.txt"]
#: Pages of a build that are not guide pages.
NOT_GUIDE = {"genindex", "search", "404", "py-modindex"}
#: The level of gzip the local server uses (zlib's default, as most servers).
GZIP_LEVEL = 6
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
STARTUP = "import sphinx.application, furo, myst_parser"
#: Lighthouse 12.2.3 (package.json); version 13 needs Node 22.
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"

# Runs a command and reports its wall time, exit status, the peak RSS of its largest
# process (RUSAGE_CHILDREN covers every descendant it waited for) and its CPU time.
_TIMER = r"""
import json, resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
t = time.perf_counter()
code = subprocess.run(cmd).returncode
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, "w") as f:
    json.dump({"code": code, "wall": wall, "maxrss_kb": ru.ru_maxrss, "cpu": ru.ru_utime + ru.ru_stime}, f)
"""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# -- Running and timing ------------------------------------------------------------


class Workspace:
    """A copy of the repository where the builds run, with its own git history
    (the build reads page dates from git) and the project's virtualenv."""

    def __init__(self, venv: Path, epoch: str) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="zoomguide-bench-"))
        for name in COPIED:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, self.dir / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
            else:
                shutil.copy2(src, self.dir / name)
        self.venv = venv
        self.python = str(venv / "bin" / "python")
        self.env = {k: v for k, v in os.environ.items()
                    if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "SPHINXOPTS"}}
        self.env.update(PYTHONPATH=str(self.dir / "src"), SOURCE_DATE_EPOCH=epoch,
                        GIT_AUTHOR_DATE=f"@{epoch} +0900", GIT_COMMITTER_DATE=f"@{epoch} +0900",
                        GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.org",
                        GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.org")
        for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "bench"]):
            subprocess.run(cmd, cwd=self.dir, env=self.env, check=True, capture_output=True)
        self.builddir = self.dir / "_build"

    def make_cmd(self, target: str, builddir: Path | None = None) -> list[str]:
        # -o: the virtualenv is the repository's, already installed; never reinstall it.
        return ["make", "--no-print-directory", "-s", target, f"BUILDDIR={builddir or self.builddir}",
                f"VENV={self.venv}", "-o", f"{self.venv}/.installed"]

    def timed(self, cmd: list[str]) -> dict[str, Any]:
        with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
            proc = subprocess.run([self.python, "-c", _TIMER, out.name, *cmd], cwd=self.dir, env=self.env,
                                  capture_output=True, text=True)
            result = json.loads(Path(out.name).read_text() or "{}") if proc.returncode == 0 else {}
        if result.get("code") != 0:
            raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
        return result

    def clean(self, builddir: Path | None = None) -> None:
        shutil.rmtree(builddir or self.builddir, ignore_errors=True)

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def summary(values: list[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "samples": [round(v, 4) for v in values]}


def measure_html(ws: Workspace, runs: int, page: str) -> dict[str, Any]:
    samples: dict[str, list[dict[str, Any]]] = {}

    def add(name: str, result: dict[str, Any]) -> None:
        samples.setdefault(name, []).append(result)

    for i in range(runs):
        log(f"HTML round {i + 1}/{runs}")
        add("startup", ws.timed([ws.python, "-c", STARTUP]))
        ws.clean()
        add("clean", ws.timed(ws.make_cmd("html")))
        add("nochange", ws.timed(ws.make_cmd("html")))
        (ws.dir / "docs" / page).touch()
        add("edit", ws.timed(ws.make_cmd("html")))
        # What a writer's preview does after a save: one language, sphinx-build again.
        (ws.dir / "docs" / page).touch()
        lang = LANGUAGES[0]
        add("live", ws.timed([str(ws.venv / "bin" / "sphinx-build"), "-b", "html", "-W", "--keep-going",
                              "-n", "-q", "-c", ".", "-D", f"language={lang}",
                              "-d", str(ws.builddir / "doctrees" / lang), "docs",
                              str(ws.builddir / "html" / lang)]))
        add("startup", ws.timed([ws.python, "-c", STARTUP]))
        for lang in LANGUAGES:
            ws.clean()
            add(f"one-{lang}", ws.timed(ws.make_cmd(f"html-{lang}")))
    # One startup measured before and one after the builds of each round: their mean.
    startup = [(a["wall"] + b["wall"]) / 2 for a, b in zip(samples["startup"][::2], samples["startup"][1::2])]
    one = [max(samples[f"one-{lang}"][i]["wall"] for lang in LANGUAGES) for i in range(runs)]
    walls = {name: [r["wall"] for r in rs] for name, rs in samples.items() if name != "startup"}
    walls["startup"] = startup
    walls["one"] = one
    # CPU time (every process of the command): steadier than wall time on a busy
    # machine, but blind to what running side by side gains.
    cpu_start = [(a["cpu"] + b["cpu"]) / 2 for a, b in zip(samples["startup"][::2], samples["startup"][1::2])]
    cpus = {name: [r["cpu"] for r in samples[name]] for name in ("clean", "nochange", "edit", "live")}
    cpu_one = [max(samples[f"one-{lang}"][i]["cpu"] for lang in LANGUAGES) for i in range(runs)]
    return {
        "times": {name: summary(v) for name, v in walls.items()},
        "ratios": {
            "clean": summary([c / s for c, s in zip(walls["clean"], startup)]),
            "nochange": summary([c / s for c, s in zip(walls["nochange"], startup)]),
            "edit": summary([c / s for c, s in zip(walls["edit"], startup)]),
            "live": summary([c / s for c, s in zip(walls["live"], startup)]),
            "both_vs_one": summary([c / o for c, o in zip(walls["clean"], one)]),
        },
        "cpu_ratios": {
            **{name: summary([c / s for c, s in zip(cpus[name], cpu_start)]) for name in cpus},
            "both_vs_one": summary([c / o for c, o in zip(cpus["clean"], cpu_one)]),
        },
        "cpu_times": {**{name: summary(v) for name, v in cpus.items()}, "startup": summary(cpu_start),
                      "one": summary(cpu_one)},
        "maxrss_kb": max(r["maxrss_kb"] for name in ("clean", "edit", "nochange") for r in samples[name]),
        "edited_page": page,
    }


def measure_pdf(ws: Workspace, runs: int) -> dict[str, Any]:
    if "latexpdf:" not in (ws.dir / "Makefile").read_text("utf-8"):
        return {"error": "the Makefile has no latexpdf target"}
    pdfdir = ws.dir / "_pdfbuild"
    both: list[dict[str, Any]] = []
    ones: dict[str, list[dict[str, Any]]] = {lang: [] for lang in LANGUAGES}
    for i in range(runs):
        log(f"PDF round {i + 1}/{runs}")
        ws.clean(pdfdir)
        both.append(ws.timed(ws.make_cmd("latexpdf", pdfdir)))
        for lang in LANGUAGES:
            ws.clean(pdfdir)
            ones[lang].append(ws.timed(ws.make_cmd(f"latexpdf-{lang}", pdfdir)))
    one = [max(ones[lang][i]["wall"] for lang in LANGUAGES) for i in range(runs)]
    return {
        "times": {"both": summary([r["wall"] for r in both]), "one": summary(one),
                  **{f"one-{lang}": summary([r["wall"] for r in ones[lang]]) for lang in LANGUAGES}},
        "ratio": summary([b["wall"] / o for b, o in zip(both, one)]),
        "cpu_ratio": summary([b["cpu"] / max(ones[lang][i]["cpu"] for lang in LANGUAGES)
                              for i, b in enumerate(both)]),
        "maxrss_kb": max(r["maxrss_kb"] for r in both),
    }


# -- Page weight ---------------------------------------------------------------------


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def compressible(path: str) -> bool:
    kind = mimetypes.guess_type(path)[0] or ""
    return kind.startswith(COMPRESSIBLE)


class Server:
    """The site on the local static host (zoomguide.localhost), sending gzip when
    asked, as a host would, and logging each request: path, status, bytes on
    disk, bytes sent."""

    def __init__(self, root: Path) -> None:
        self.log: list[dict[str, Any]] = []
        log = self.log

        class Host(StaticHost):
            def body(self, path: str, file: Path, status: int, data: bytes) -> bytes:
                sent = data
                if compressible(str(file)) and "gzip" in self.headers.get("Accept-Encoding", ""):
                    sent = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Cache-Control", "max-age=600")
                log.append({"path": path, "status": status, "raw": len(data), "sent": len(sent)})
                return sent

        self._serving = serve(root, "/", Host)
        self.url = self._serving.__enter__().removesuffix("/")

    def close(self) -> None:
        self._serving.__exit__(None, None, None)


def page_loads(server: Server, paths: list[str]) -> dict[str, list[dict[str, Any]]]:
    """What a browser requests for each page (a fresh profile each time), the page
    scrolled to its end so that every figure loads."""
    from playwright.sync_api import sync_playwright

    loads: dict[str, list[dict[str, Any]]] = {}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        for path in paths:
            context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1)
            page = context.new_page()
            server.log.clear()
            page.goto(server.url + path, wait_until="networkidle")
            page.evaluate("""async () => {
                for (let y = 0; y < document.body.scrollHeight; y += 400) {
                    window.scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); }
            }""")
            page.wait_for_load_state("networkidle")
            # A browser with a window asks for the page's icon; headless Chromium
            # does not: count it as a visit would.
            icon = page.evaluate("""() => { const l = document.querySelector('link[rel~="icon"]');
                                     return l ? new URL(l.href).pathname : '/favicon.ico'; }""")
            if not any(r["path"] == icon for r in server.log):
                page.goto(server.url + icon)
            loads[path] = list(server.log)
            context.close()
        browser.close()
    return loads


def weigh(requests: list[dict[str, Any]]) -> dict[str, Any]:
    def total(rs: list[dict[str, Any]]) -> dict[str, int]:
        return {"raw": sum(r["raw"] for r in rs), "gzip": sum(r["sent"] for r in rs), "requests": len(rs)}

    figures = [r for r in requests if "/_images/" in r["path"]]
    others = [r for r in requests if "/_images/" not in r["path"]]
    return {"all": total(requests), "without_figures": total(others), "figures": total(figures),
            "requests": [{k: r[k] for k in ("path", "status", "raw", "sent")} for r in requests]}


def furo_default_conf(folder: Path) -> Path:
    """A conf.py with furo's defaults: only what is needed to read the same pages
    (MyST, autodoc and doctest blocks, the mail-template directive that writes text)."""
    folder.mkdir(parents=True, exist_ok=True)
    conf: dict[str, Any] = {}
    exec(compile((ROOT / "conf.py").read_text("utf-8"), "conf.py", "exec"), conf)  # noqa: S102
    (folder / "conf.py").write_text(f"""# furo's default page for the guide's text (benchmarks/bench.py)
project = {conf['project']!r}
extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.doctest", "zoomguide.mailtemplate"]
myst_enable_extensions = {conf.get('myst_enable_extensions', [])!r}
source_suffix = {{".md": "markdown"}}
root_doc = "index"
locale_dirs = ["../locale"]
gettext_compact = False
html_theme = "furo"
""", encoding="utf-8")
    return folder


def measure_weight(ws: Workspace) -> dict[str, Any]:
    log("page weight: clean build and furo's default build")
    ws.clean()
    ws.timed(ws.make_cmd("html"))
    site = ws.builddir / "html"
    furo_dir = ws.dir / "_furo"
    conf = furo_default_conf(ws.dir / "_furoconf")
    for lang in LANGUAGES:
        ws.timed([str(ws.venv / "bin" / "sphinx-build"), "-b", "html", "-q", "-c", str(conf), "-D",
                  f"language={lang}", "-d", str(furo_dir / "doctrees" / lang), "docs", str(furo_dir / "html" / lang)])
    result: dict[str, Any] = {"gzip_level": GZIP_LEVEL, "languages": {}}
    ours, theirs = Server(site), Server(furo_dir / "html")
    try:
        for lang in LANGUAGES:
            pages = sorted(p.name for p in (site / lang).glob("*.html") if p.stem not in NOT_GUIDE)
            log(f"page weight: {len(pages)} pages in {lang}")
            loads = page_loads(ours, [f"/{lang}/{page}" for page in pages])
            weights = {path: weigh(rs) for path, rs in loads.items()}
            heaviest = max(weights, key=lambda p: (weights[p]["all"]["gzip"], p))
            base = weigh(page_loads(theirs, [heaviest])[heaviest])
            result["languages"][lang] = {
                "page": heaviest,
                "ours": weights[heaviest],
                "furo_default": base,
                "ratio_raw": weights[heaviest]["without_figures"]["raw"] / base["without_figures"]["raw"],
                "ratio_gzip": weights[heaviest]["without_figures"]["gzip"] / base["without_figures"]["gzip"],
                "all_pages": {p: w["all"] for p, w in weights.items()},
            }
    finally:
        ours.close()
        theirs.close()
    result["figures"] = {
        svg.name: {"raw": svg.stat().st_size, "gzip": gzip_size(svg.read_bytes())}
        for svg in sorted((ROOT / "docs" / "img").glob("*.svg"))
    }
    return result


# -- Lighthouse ----------------------------------------------------------------------


def lighthouse(site: Path, pages: dict[str, str], outdir: Path) -> dict[str, Any]:
    if not LIGHTHOUSE.exists():
        return {"error": f"{LIGHTHOUSE} is missing: run `npm ci` (make check-tools)"}
    server = Server(site)
    results: dict[str, Any] = {}
    try:
        for lang, path in pages.items():
            log(f"Lighthouse (mobile): {path}")
            report = outdir / f"lighthouse-{lang}.json"
            proc = subprocess.run(
                [str(LIGHTHOUSE), server.url + path, "--quiet", "--output=json", f"--output-path={report}",
                 "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage"],
                env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True, timeout=300)
            if proc.returncode != 0 or not report.exists():
                results[lang] = {"page": path, "error": (proc.stderr or proc.stdout)[-2000:]}
                continue
            data = json.loads(report.read_text("utf-8"))
            failed = [
                {"id": a["id"], "title": a["title"], "score": a["score"]}
                for a in data["audits"].values()
                if a.get("score") is not None and a["score"] < 1
                and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
            ]
            results[lang] = {
                "page": path,
                "scores": {k: round(100 * c["score"]) if c["score"] is not None else None
                           for k, c in data["categories"].items()},
                "metrics": {m: data["audits"][m]["displayValue"] for m in
                            ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                             "cumulative-layout-shift", "speed-index") if m in data["audits"]},
                "below_full_score": failed,
                "report": str(report),
            }
    finally:
        server.close()
    return results


# -- The table ------------------------------------------------------------------------


def fmt_ratio(s: dict[str, Any]) -> str:
    return f"{s['median']:.2f}× ({s['min']:.2f}–{s['max']:.2f})"


def fmt_time(s: dict[str, Any]) -> str:
    return f"{s['median']:.2f} s ({s['min']:.2f}–{s['max']:.2f})"


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def table(report: dict[str, Any]) -> str:
    rows: list[tuple[str, ...]] = []

    def row(figure: str, value: str, baseline: str, ratio: str, target: str, met: bool | None,
            cpu: str = "—") -> None:
        rows.append((figure, value, baseline, ratio, cpu, target,
                     "—" if met is None else ("yes" if met else "**no**")))

    html = report.get("html")
    if html:
        t, r, c = html["times"], html["ratios"], html["cpu_ratios"]
        start = f"start-up {fmt_time(t['startup'])}"
        row("clean bilingual `make html`", fmt_time(t["clean"]), start, fmt_ratio(r["clean"]), "≤ 3×",
            r["clean"]["median"] <= 3, fmt_ratio(c["clean"]))
        row("no-change rebuild, both languages", fmt_time(t["nochange"]), "start-up", fmt_ratio(r["nochange"]),
            "≤ 1.5×", r["nochange"]["median"] <= 1.5, fmt_ratio(c["nochange"]))
        row(f"rebuild after editing `{html['edited_page']}`, both languages", fmt_time(t["edit"]), "start-up",
            fmt_ratio(r["edit"]), "≤ 2×", r["edit"]["median"] <= 2, fmt_ratio(c["edit"]))
        row(f"preview after a save (`sphinx-build`, {LANGUAGES[0]} only)", fmt_time(t["live"]), "start-up",
            fmt_ratio(r["live"]), "—", None, fmt_ratio(c["live"]))
        row("both languages vs one alone, clean", fmt_time(t["clean"]),
            f"slowest `make html-<lang>` {fmt_time(t['one'])}", fmt_ratio(r["both_vs_one"]), "≤ 1.2×",
            r["both_vs_one"]["median"] <= 1.2, fmt_ratio(c["both_vs_one"]))
        row("peak memory of `make html` (largest process)", f"{html['maxrss_kb'] / 1024:.0f} MB", "—", "—",
            "report", None)
    weight = report.get("weight")
    if weight:
        for lang, w in weight["languages"].items():
            ours, base = w["ours"], w["furo_default"]
            row(f"heaviest page `{w['page']}` without figures (raw / gzip, requests)",
                f"{kb(ours['without_figures']['raw'])} / {kb(ours['without_figures']['gzip'])}, "
                f"{ours['without_figures']['requests']}",
                f"furo default {kb(base['without_figures']['raw'])} / {kb(base['without_figures']['gzip'])}, "
                f"{base['without_figures']['requests']}",
                f"{w['ratio_raw']:.2f}× / {w['ratio_gzip']:.2f}×", "≤ 1.0×",
                w["ratio_raw"] <= 1 and w["ratio_gzip"] <= 1)
            row(f"the same page with its figures ({ours['figures']['requests']})",
                f"{kb(ours['all']['raw'])} / {kb(ours['all']['gzip'])}, {ours['all']['requests']} requests",
                "—", "—", "≤ 12 requests", ours["all"]["requests"] <= 12)
        figs = weight["figures"]
        if figs:
            biggest = max(figs, key=lambda n: figs[n]["gzip"])
            row(f"each figure, gzip ({len(figs)} SVGs in docs/img)",
                f"largest `{biggest}` {kb(figs[biggest]['gzip'])} (raw {kb(figs[biggest]['raw'])})", "—", "—",
                "≤ 10 KB each", all(f["gzip"] <= 10 * 1024 for f in figs.values()))
    lh = report.get("lighthouse")
    if isinstance(lh, dict) and "error" not in lh:
        for lang, res in lh.items():
            if "scores" in res:
                s = res["scores"]
                row(f"Lighthouse (mobile) `{res['page']}`",
                    " / ".join(f"{s.get(k)}" for k in ("performance", "accessibility", "best-practices", "seo")),
                    "—", "—", "100 / 100 / 100 / 100", all(v == 100 for v in s.values()))
            else:
                row(f"Lighthouse (mobile) `{res['page']}`", "failed (see bench.json)", "—", "—", "—", None)
    elif lh:
        row("Lighthouse (mobile)", "not run: " + str(lh.get("error", ""))[:80], "—", "—", "—", None)
    pdf = report.get("pdf")
    if pdf and "error" not in pdf:
        row("both PDFs from clean (`make latexpdf`)", fmt_time(pdf["times"]["both"]),
            f"slowest `make latexpdf-<lang>` {fmt_time(pdf['times']['one'])}", fmt_ratio(pdf["ratio"]), "≤ 1.2×",
            pdf["ratio"]["median"] <= 1.2, fmt_ratio(pdf["cpu_ratio"]))
        row("peak memory of `make latexpdf` (largest process)", f"{pdf['maxrss_kb'] / 1024:.0f} MB", "—", "—",
            "report", None)
    elif pdf:
        row("PDFs", "not run: " + pdf["error"], "—", "—", "—", None)
    head = ("figure", "median (lowest–highest)", "baseline, same run", "ratio (wall)", "ratio (CPU)",
            "target", "met")
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    m = report["machine"]
    lines.append("")
    lines.append(f"{m['date']}, commit {m['commit']}, {m['runs']} runs (PDF: {m['pdf_runs']}); {m['cpu']}, {m['cores']} cores, "
                 f"{m['memory_gb']} GB, {m['os']}, Python {m['python']}, Sphinx {m['sphinx']}; "
                 f"load average {m['load_before']} before, {m['load_after']} after.")
    return "\n".join(lines)


def machine(runs: int, pdf_runs: int) -> dict[str, Any]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    except OSError:
        mem = 0
    osname = platform.platform()
    try:
        osname = dict(
            line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line
        )["PRETTY_NAME"].strip('"')
    except (OSError, KeyError):
        pass
    import sphinx

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return {"date": dt.date.today().isoformat(), "commit": commit + (" with uncommitted changes" if dirty else ""),
            "runs": runs, "pdf_runs": pdf_runs, "cpu": cpu,
            "cores": os.cpu_count(), "memory_gb": round(mem), "os": osname,
            "python": platform.python_version(), "sphinx": sphinx.__version__,
            "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--builddir", type=Path, default=ROOT / "_build",
                        help="where bench.json and bench.md go (default: _build)")
    parser.add_argument("--runs", type=int, default=5, help="rounds of the HTML measures (default: 5)")
    parser.add_argument("--pdf-runs", type=int, default=3, help="rounds of the PDF measures (default: 3)")
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv")
    parser.add_argument("--page", default="wrong-account.md", help="the page edited (touched) in the copy")
    parser.add_argument("--skip", action="append", default=[], choices=["html", "weight", "lighthouse", "pdf"],
                        help="leave a measure out (repeatable)")
    args = parser.parse_args(argv)
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip() or "1585699200"
    args.builddir.mkdir(parents=True, exist_ok=True)
    outdir = args.builddir.resolve()
    report: dict[str, Any] = {"machine": machine(args.runs, args.pdf_runs)}
    ws = Workspace(args.venv.resolve(), epoch)
    log(f"building in {ws.dir}")
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("html", lambda: measure_html(ws, args.runs, args.page)),
        ("weight", lambda: measure_weight(ws)),
        ("lighthouse", lambda: lighthouse(
            ws.builddir / "html",
            {lang: f"/{lang}/" + report["weight"]["languages"][lang]["page"].rsplit("/", 1)[-1]
             for lang in LANGUAGES} if "weight" in report else {lang: f"/{lang}/index.html" for lang in LANGUAGES},
            outdir)),
        ("pdf", lambda: measure_pdf(ws, args.pdf_runs)),
    ]
    try:
        for name, step in steps:
            if name in args.skip:
                continue
            if name == "lighthouse" and "weight" not in report:
                ws.clean()
                ws.timed(ws.make_cmd("html"))
            started = time.perf_counter()
            report[name] = step()
            log(f"{name}: {time.perf_counter() - started:.0f} s")
    finally:
        ws.remove()
    report["machine"]["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    text = table(report)
    (outdir / "bench.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (outdir / "bench.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"\nWritten: {outdir / 'bench.json'}, {outdir / 'bench.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
