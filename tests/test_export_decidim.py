"""``civitrace export --format decidim``, read back with the rules of Decidim's results importer.

``decidim_rows`` below reads the file the way ``Decidim::Accountability::ResultsCsvImporter``
does: ``CSV.new(file, headers: true, col_sep: Decidim.default_csv_col_sep)`` (``;``), then for
each row ``title/<locale>`` and ``description/<locale>`` (required by the result form),
``Date.parse`` of ``start_date`` and ``end_date``, ``status/id`` and ``parent/id`` as IDs,
``progress`` as a float, and ``proposal_urls`` split on ``;``, the proposal's ID taken from the
end of each URL with ``proposal_url.scan(/\\d$/).first.to_i``. That expression keeps only the
last digit (proposal 1204 is read as 4): the tests below spell out both what Decidim reads and
the whole number civitrace writes, and the authors' guide warns about it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import sys

import pytest

from civitrace.export.decidim import DecidimSettings, DecidimSettingsError, settings_from, to_decidim_csv
from civitrace.export.values import neutralise
from civitrace.reader import read_project
from helpers import VALID, write_project

SETTINGS = """
[tool.civitrace.decidim]
locale = "fr"

[tool.civitrace.decidim.statuses]
planned = 11
in-progress = 12
done = 13

[tool.civitrace.decidim.proposals]
R-01 = "https://participer.example.fr/processes/convention/f/7/proposals/1204"
R-03 = "https://participer.example.fr/processes/convention/f/7/proposals/1207"
"""

MORE = """
:::{recommendation} R-03 Former les agents
:principle: P-1
:::

:::{measure} M-02 =Former les agents; "vite"
:responds: R-03, R-01
:status: done
:weight: 2.5
:start: 2025-02-01

- Un module de formation ;
- puis un {trace}`bilan public <R-01>`.

<script>alert(1)</script>
:::

:::{measure} M-03 Sans rien
:::
"""


def decidim_rows(text: str, separator: str = ";", locale: str = "fr") -> list[dict[str, object]]:
    """The results as Decidim's importer reads them (see the module docstring)."""
    assert not text.startswith("\ufeff"), "a byte-order mark would be read into the first header"
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    results = []
    for row in reader:
        title, description = row[f"title/{locale}"], row[f"description/{locale}"]
        assert title.strip() and description.strip(), "the result form requires both"
        urls = [u for u in row["proposal_urls"].split(";") if u] if row["proposal_urls"] else []
        results.append(
            {
                "id": row["id"],
                "parent": row["parent/id"] or None,
                "title": title,
                "description": description,
                "start_date": dt.date.fromisoformat(row["start_date"]) if row["start_date"] else None,
                "end_date": dt.date.fromisoformat(row["end_date"]) if row["end_date"] else None,
                "progress": float(row["progress"]) if row["progress"] else None,
                "status": int(row["status/id"]) if row["status/id"] else None,
                "urls": urls,
                # Decidim's own rule, literally: the last digit of each URL.
                "proposal_ids": [int(re.findall(r"\d$", u)[0]) for u in urls],
                "external_id": row["external_id"],
                "weight": float(row["weight"]) if row["weight"] else None,
            }
        )
    return results


@pytest.fixture
def project(tmp_path):
    files = {**VALID, "opinion/plus.md": MORE, "pyproject.toml": SETTINGS}
    return write_project(tmp_path / "p", files)


def export(root, *args):
    return subprocess.run(
        [sys.executable, "-m", "civitrace", "export", str(root), "--format", "decidim", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_columns_separator_and_one_result_per_measure_under_its_recommendations(project):
    done = export(project)
    assert done.returncode == 0, done.stderr
    header = done.stdout.splitlines()[0]
    assert header == (
        "id;parent/id;title/fr;description/fr;start_date;end_date;progress;status/id;proposal_urls;external_id;weight"
    )
    rows = decidim_rows(done.stdout)
    by_title = {r["title"].split(" — ")[0]: r for r in rows}
    # Parents: the recommendations a measure answers (R-02 is answered by a response only).
    # In source order: opinion/plus.md comes before opinion/principes.md.
    assert [r["title"] for r in rows[:2]] == ["R-03 — Former les agents", "R-01 — Évaluer chaque projet"]
    assert "R-02" not in by_title
    m01, m02, m03 = by_title["M-01"], by_title["M-02"], by_title["M-03"]
    assert (m01["parent"], m02["parent"], m03["parent"]) == (by_title["R-01"]["id"], by_title["R-03"]["id"], None)
    parents = {r["id"] for r in rows}
    assert all(r["parent"] in parents for r in rows if r["parent"])
    assert (m01["start_date"], m01["end_date"], m01["progress"], m01["status"]) == (
        dt.date(2025, 1, 1),
        dt.date(2026, 6, 30),
        40.0,
        12,
    )
    # Done without a figure counts 100 %, as the site's dashboard says.
    assert (m02["progress"], m02["status"], m02["end_date"]) == (100.0, 13, None)
    assert [int(re.search(r"\d+$", u).group()) for u in m02["urls"]] == [1207, 1204]
    assert m02["proposal_ids"] == [7, 4]  # what Decidim's importer makes of them
    assert m01["urls"] == ["https://participer.example.fr/processes/convention/f/7/proposals/1204"]
    assert m03["status"] is None and m03["urls"] == []
    assert [r["external_id"] for r in rows] == ["R-03", "R-01", "M-02", "M-03", "M-01"]  # source order
    assert m02["weight"] == 2.5 and m01["weight"] is None


def test_descriptions_are_html_without_raw_html_and_titles_keep_their_punctuation(project):
    rows = decidim_rows(export(project).stdout)
    m02 = next(r for r in rows if r["title"].startswith("M-02"))
    assert m02["title"] == 'M-02 — =Former les agents; "vite"'
    assert "<ul>\n<li>Un module de formation ;</li>\n<li>puis un bilan public.</li>\n</ul>" in m02["description"]
    assert "<script>" not in m02["description"] and "&lt;script&gt;" in m02["description"]
    assert "Answers: R-03, R-01." in m02["description"]


def test_no_cell_starts_like_a_formula():
    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert [neutralise(c) for c in ("+1", "-x", "@a", "\tx", "ok", "")] == [
        "'+1",
        "'-x",
        "'@a",
        "'\tx",
        "ok",
        "",
    ]
    text = "# P\n\n:::{measure} M-01 Titre\n:owner: =cmd|' /C calc'!A0\n:::\n"
    project = read_project(write_project_tmp(text))
    for row in csv.reader(io.StringIO(to_decidim_csv(project), newline=""), delimiter=";"):
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def write_project_tmp(text):
    import tempfile
    from pathlib import Path

    root = Path(tempfile.mkdtemp())
    (root / "s.md").write_text(text, encoding="utf-8")
    return root


def test_another_separator_and_locale_and_no_parents():
    settings = settings_from({"separator": ",", "locale": "ca", "parents": False})
    project = read_project(write_project_tmp("# P\n\n:::{measure} M-01 Un, deux\n:::\n"))
    text = to_decidim_csv(project, settings)
    (row,) = decidim_rows(text, separator=",", locale="ca")
    assert row["title"] == "M-01 — Un, deux" and row["parent"] is None


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"separator": ";;"}, "one character"),
        ({"statuses": {"finished": 3}}, "'finished' is not a status"),
        ({"statuses": {"done": "3"}}, "whole number"),
        ({"proposals": {"R-01": "https://x.example/proposals/abc"}}, "ending with its number"),
        ({"locale": "fr; drop"}, "not a locale"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(table, message):
    with pytest.raises(DecidimSettingsError, match=message):
        settings_from(table)


def test_bad_settings_are_a_usage_error_on_the_command_line(tmp_path):
    root = write_project(tmp_path / "p", {**VALID, "pyproject.toml": '[tool.civitrace.decidim]\nseparator = ""\n'})
    done = export(root)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "[tool.civitrace.decidim]" in done.stderr


def test_defaults():
    assert DecidimSettings().separator == ";" and DecidimSettings().locale == "fr"
