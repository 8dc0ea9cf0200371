"""Two clean builds with the same SOURCE_DATE_EPOCH give byte-identical sites.

The two builds go to different BUILDDIRs with different hash seeds, so that
neither the output path nor the order of a set can leak into the pages.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from conftest import make
from zoomguide.project import LANGUAGES, ROOT


def source_date_epoch() -> str:
    """The SOURCE_DATE_EPOCH that `make` uses: the environment's or the Makefile's default."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "-f", "Makefile", "-f", "-", "print-source-date-epoch"],
        input="print-source-date-epoch:\n\t@echo $(SOURCE_DATE_EPOCH)\n",
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    return result.stdout.strip()


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root``: relative path -> SHA-256 of its bytes."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*")) if path.is_file()
    }


def differences(first: dict[str, str], second: dict[str, str]) -> list[str]:
    found = [f"only in the first build: {name}" for name in sorted(first.keys() - second.keys())]
    found += [f"only in the second build: {name}" for name in sorted(second.keys() - first.keys())]
    found += [f"differs: {name}" for name in sorted(first.keys() & second.keys()) if first[name] != second[name]]
    return found


def clean_build(tmp_path_factory: pytest.TempPathFactory, folder: str, epoch: str, seed: str) -> Path:
    builddir = tmp_path_factory.mktemp(folder)
    # Variables given to make on its command line reach the build's environment.
    make("html", builddir, f"SOURCE_DATE_EPOCH={epoch}", f"PYTHONHASHSEED={seed}")
    return builddir / "html"


def test_two_builds_are_byte_identical(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Two builds of their own: the session's html_dir may have been added to (make site).
    epoch = source_date_epoch()
    assert epoch.isdigit(), epoch
    first = tree(clean_build(tmp_path_factory, "build", epoch, "1"))
    second = tree(clean_build(tmp_path_factory, "another-build-folder", epoch, "2"))
    for lang in LANGUAGES:
        assert any(name.startswith(f"{lang}/") and name.endswith(".html") for name in first), lang
    assert "index.html" in first
    found = differences(first, second)
    assert not found, "\n".join(found)


def test_differences_are_found() -> None:
    assert differences({"a": "1", "b": "2", "c": "3"}, {"a": "1", "b": "x", "d": "4"}) == [
        "only in the first build: c", "only in the second build: d", "differs: b",
    ]
