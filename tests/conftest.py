"""Shared fixtures: each output is built once per test session and shared."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from zoomguide.project import LANGUAGES, ROOT


def make(target: str, builddir: Path, *extra: str) -> None:
    """Run ``make TARGET BUILDDIR=builddir`` in the repository; fail with its output."""
    env = dict(os.environ, SPHINXOPTS="")
    result = subprocess.run(
        ["make", "--no-print-directory", target, f"BUILDDIR={builddir}", *extra],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if result.returncode:
        pytest.fail(f"make {target} failed:\n{result.stdout}\n{result.stderr}", pytrace=False)


@pytest.fixture(scope="session")
def builddir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("build")


@pytest.fixture(scope="session")
def html_dir(builddir: Path) -> Path:
    """The HTML site of every language, built once: ``<dir>/<lang>/…``."""
    make("html", builddir)
    return builddir / "html"


@pytest.fixture(scope="session", params=LANGUAGES)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def python() -> str:
    return sys.executable
