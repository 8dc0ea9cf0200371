"""Two builds of one commit with the same SOURCE_DATE_EPOCH are byte-identical: a
build in another folder and with another hash seed gives the tests' site again,
so neither the output path nor the order of a set leaks into the pages."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import make


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root``: relative path -> SHA-256 of its bytes."""
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in root.rglob("*") if path.is_file()}


def test_another_build_is_byte_identical(html_dir: Path, tmp_path: Path) -> None:
    make("html", tmp_path, "PYTHONHASHSEED=1")  # the tests' build has a random seed
    first, second = tree(html_dir), tree(tmp_path / "html")
    differ = sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))
    assert differ == []
