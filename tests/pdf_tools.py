"""Building the example's PDF once, and reading PDFs with poppler."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=True, **kwargs)  # type: ignore[call-overload]


@dataclass(frozen=True)
class BuiltPdf:
    out: Path
    pdf: Path
    html: Path  # the print page WeasyPrint laid out
    epoch: int  # the SOURCE_DATE_EPOCH it was built with
    warnings: str

    def text(self, *, first: int | None = None, last: int | None = None) -> str:
        pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
        return run(["pdftotext", "-enc", "UTF-8", *pages, str(self.pdf), "-"]).stdout


def build_example_pdf(out: Path, epoch: int, *, tz: str = "UTC", hash_seed: str = "0") -> BuiltPdf:
    """``sphinx-build -b civitrace-pdf`` on the example, in its own process, as ``nox -s pdf`` does."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "TZ": tz, "PYTHONHASHSEED": hash_seed}
    sphinx = [sys.executable, "-m", "sphinx", "-c", "docs", "--keep-going", "-q", "-b", "civitrace-pdf"]
    done = subprocess.run([*sphinx, str(REPO), str(out)], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return BuiltPdf(out, out / "civitrace.pdf", out / "docs" / "index.html", epoch, done.stderr)


def page_sizes(pdf: Path) -> dict[int, tuple[int, int]]:
    """Each page's width and height in points, rounded."""
    info = run(["pdfinfo", "-f", "1", "-l", "100000", str(pdf)]).stdout
    return {
        int(m.group(1)): (round(float(m.group(2))), round(float(m.group(3))))
        for m in re.finditer(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", info, re.MULTILINE)
    }
