"""Two builds of the same sources give byte-identical HTML.

The example is built twice, in two processes, into two folders, with the same
``SOURCE_DATE_EPOCH`` but a different time zone and a different Python hash seed: a
page that depends on the clock, the machine's settings or the iteration order of a
set or a dict makes the builds differ.

Only ``.doctrees/`` is left out of the comparison: it is Sphinx's pickled cache
(environment and doctrees), not part of the published site, and it records the
absolute paths of the build.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.sphinx

REPO = Path(__file__).resolve().parent.parent
#: Sphinx's cache, not published (see the module docstring).
IGNORED = {".doctrees"}


def build_html(out: Path, pdf: Path, *, tz: str, hash_seed: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1735732800", "TZ": tz, "PYTHONHASHSEED": hash_seed}
    sphinx = [sys.executable, "-m", "sphinx", "-c", "docs", "-W", "--keep-going", "-q", "-b", "html"]
    done = subprocess.run(
        [*sphinx, "-D", f"civitrace_pdf={pdf}", str(REPO), str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def published_files(root: Path) -> set[Path]:
    return {
        path.relative_to(root)
        for path in root.rglob("*")
        if path.is_file() and not IGNORED & set(path.relative_to(root).parts)
    }


def test_two_builds_of_the_example_are_byte_identical(tmp_path):
    pdf = tmp_path / "site.pdf"
    pdf.write_bytes(b"%PDF-1.5 stand-in\n")
    first, second = tmp_path / "first", tmp_path / "second"
    build_html(first, pdf, tz="UTC", hash_seed="1")
    build_html(second, pdf, tz="Pacific/Kiritimati", hash_seed="2")
    files = published_files(first)
    assert files == published_files(second)
    assert any(path.suffix == ".html" for path in files)
    _, mismatch, errors = filecmp.cmpfiles(first, second, sorted(map(str, files)), shallow=False)
    assert not errors
    assert not mismatch, f"files differ between two builds: {mismatch}"


@pytest.mark.pdf
def test_two_builds_of_the_example_pdf_are_byte_identical(example_pdf, tmp_path):
    from pdf_tools import build_example_pdf

    second = build_example_pdf(tmp_path / "second", example_pdf.epoch, tz="Pacific/Kiritimati", hash_seed="2")
    assert second.pdf.read_bytes() == example_pdf.pdf.read_bytes()
