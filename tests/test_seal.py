"""The adopted opinion, sealed: a real git tag, the comparison, errata, the fingerprint."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from civitrace.cli import main
from civitrace.history.adopted import load_adopted, seal_diagnostics
from civitrace.reader import read_project
from civitrace.seal import AdoptedText, AdoptedUnavailable, canonical_bytes, fingerprint, normalised_text, word_diff
from helpers import VALID, git, write_project
from sphinx_helpers import CONF, build

PYPROJECT = '[tool.civitrace]\nadopted = "avis-adopte"\nexclude = ["docs"]\n'
REWORDED = ("Texte adopté.", "Texte adopté, puis corrigé.")
ERRATUM = ":erratum: 2025-06-02 Coquille signalée par la convention\n"


@pytest.fixture(autouse=True)
def _no_outer_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))


def sealed_repo(root):
    """A project whose opinion, committed on 2025-03-10, was tagged 'avis-adopte' on 2025-03-14."""
    write_project(root, {**VALID, "pyproject.toml": PYPROJECT, "conf.py": CONF, "index.md": INDEX})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    # Written on the 10th, voted and tagged on the 14th: the pages give the day of the (annotated) tag.
    git(root, "commit", "-q", "-m", "Opinion as voted", date="2025-03-10T18:00:00+00:00")
    git(root, "tag", "-a", "avis-adopte", "-m", "Avis adopté", date="2025-03-14T18:00:00+00:00")
    return root


INDEX = """
# Projet

```{toctree}
opinion/principes
strategy/axe
```
"""


def reword(root, *, erratum=False):
    path = root / "opinion/principes.md"
    text = path.read_text(encoding="utf-8").replace(*REWORDED)
    if erratum:
        text = text.replace(":vote: 5\n", ":vote: 5\n" + ERRATUM)
    path.write_text(text, encoding="utf-8")


def check_lines(root):
    project = read_project(root)
    return [f"{d.location}: {d.severity.value}: {d.code}" for d in seal_diagnostics(root, project)], project


def test_an_untouched_opinion_passes_and_check_exits_0(tmp_path, capsys):
    root = sealed_repo(tmp_path / "p")
    assert check_lines(root)[0] == []
    assert main(["check", str(root), "--as-of", "2025-04-01"]) == 0


def test_a_reworded_recommendation_is_altered_text_at_its_line_with_a_word_diff(tmp_path, capsys):
    root = sealed_repo(tmp_path / "p")
    reword(root)
    assert check_lines(root)[0] == ["opinion/principes.md:7: error: altered-text"]
    assert main(["check", str(root), "--as-of", "2025-04-01"]) == 1
    out = capsys.readouterr().out
    assert (
        "opinion/principes.md:7: error: recommendation R-01 differs from the adopted text (tag 'avis-adopte'): "
        "text: Texte [-adopté.-] {+adopté, puis corrigé.+}; restore the adopted wording or declare "
        "':erratum: YYYY-MM-DD reason'\n"
    ) in out


def test_the_same_change_with_an_erratum_passes(tmp_path):
    root = sealed_repo(tmp_path / "p")
    reword(root, erratum=True)
    assert check_lines(root)[0] == []
    assert main(["check", str(root), "--as-of", "2025-04-01"]) == 0


def test_rewrapping_lines_is_not_a_change_but_a_word_is(tmp_path):
    root = sealed_repo(tmp_path / "p")
    path = root / "opinion/principes.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Le principe.", "Le\n   principe."), encoding="utf-8")
    assert check_lines(root)[0] == []
    path.write_text(path.read_text(encoding="utf-8").replace("principe.", "principe !"), encoding="utf-8")
    assert check_lines(root)[0] == ["opinion/principes.md:3: error: altered-text"]


def test_added_removed_and_renamed_blocks_are_errors_even_with_an_erratum(tmp_path):
    root = sealed_repo(tmp_path / "p")
    path = root / "opinion/principes.md"
    text = path.read_text(encoding="utf-8").replace("R-02 Débattre", "R-02b Débattre")
    text += "\n:::{recommendation} R-03 Nouvelle\n:principle: P-1\n" + ERRATUM + "\nAjoutée.\n:::\n"
    path.write_text(text, encoding="utf-8")
    found, _ = check_lines(root)
    assert found == [
        "opinion/principes.md:14: error: added-after-adoption",
        "opinion/principes.md:18: error: added-after-adoption",
        # Where it was in the adopted text.
        "opinion/principes.md:14: error: removed-after-adoption",
    ]


def test_an_erratum_on_an_unchanged_block_is_a_warning_and_a_bad_erratum_is_invalid(tmp_path):
    root = sealed_repo(tmp_path / "p")
    path = root / "opinion/principes.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(":vote: 5\n", ":vote: 5\n" + ERRATUM), encoding="utf-8")
    assert check_lines(root)[0] == ["opinion/principes.md:7: warning: needless-erratum"]
    path.write_text(text.replace(":vote: 5\n", ":vote: 5\n:erratum: 2025-02-30 oups\n"), encoding="utf-8")
    found = [d.code for d in main_diagnostics(root)]
    assert "invalid-date" in found


def main_diagnostics(root):
    from civitrace.rules import check

    return check(read_project(root))


def test_missing_tag_no_git_and_shallow_clone_are_clear_diagnostics(tmp_path):
    root = write_project(tmp_path / "nogit", {**VALID, "pyproject.toml": PYPROJECT})
    (found,) = seal_diagnostics(root, read_project(root))
    assert (found.code, str(found.location)) == ("adopted-text-unavailable", "pyproject.toml:2")
    assert "not in a git repository" in found.message

    repo = sealed_repo(tmp_path / "p")
    git(repo, "tag", "-d", "avis-adopte")
    (found,) = seal_diagnostics(repo, read_project(repo))
    assert "the repository has no tag 'avis-adopte'" in found.message

    sealed_repo(tmp_path / "origin")
    (tmp_path / "origin" / "opinion/principes.md").write_text("# Changé\n", encoding="utf-8")
    git(tmp_path / "origin", "commit", "-qam", "later", date="2025-04-01T12:00:00+00:00")
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--no-tags", f"file://{tmp_path / 'origin'}", str(tmp_path / "shallow")],
        check=True,
        capture_output=True,
    )
    (found,) = seal_diagnostics(tmp_path / "shallow", read_project(tmp_path / "shallow"))
    assert "shallow clone" in found.message and found.is_error


def test_the_cli_prints_no_traceback_when_the_tag_is_missing(tmp_path):
    root = write_project(tmp_path / "nogit", {**VALID, "pyproject.toml": PYPROJECT})
    done = subprocess.run(
        [sys.executable, "-m", "civitrace", "check", str(root)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stdout.startswith("pyproject.toml:2: error: the adopted text (tag 'avis-adopte'")
    seal = subprocess.run(
        [sys.executable, "-m", "civitrace", "seal", str(root)], capture_output=True, text=True, check=False
    )
    assert seal.returncode == 2 and "Traceback" not in seal.stderr and "not in a git repository" in seal.stderr


def test_the_fingerprint_is_sha256_of_the_documented_serialisation(tmp_path, capsys):
    root = sealed_repo(tmp_path / "p")
    reword(root, erratum=True)  # the seal is of the adopted text, not of the corrected one
    assert main(["seal", str(root)]) == 0
    printed = capsys.readouterr().out.strip()
    adopted = load_adopted(root)
    assert isinstance(adopted, AdoptedText)
    expected = (
        "civitrace-seal/1\x1e"
        "principle\x1fP-1\x1fUtilité de l'IA\x1fLe principe.\x1e"
        "recommendation\x1fR-01\x1fÉvaluer chaque projet\x1fTexte adopté.\x1e"
        "recommendation\x1fR-02\x1fDébattre des caméras\x1f\x1e"
    ).encode()
    assert canonical_bytes(adopted.texts.values()) == expected
    assert printed == hashlib.sha256(expected).hexdigest() == adopted.fingerprint
    # The working tree's text (corrected) has another fingerprint; the tag's, given as a revision, the same.
    assert main(["seal", str(root), "--working-tree"]) == 0
    assert capsys.readouterr().out.strip() != printed
    assert main(["seal", str(root), "--rev", "avis-adopte"]) == 0
    assert capsys.readouterr().out.strip() == printed


def test_one_character_changes_the_fingerprint_and_unicode_forms_do_not():
    texts = {t.id: t for t in _texts("Texte adopté.")}
    other = {t.id: t for t in _texts("Texte adopte.")}
    decomposed = {t.id: t for t in _texts("Texte adopte\u0301.")}
    assert fingerprint(texts.values()) != fingerprint(other.values())
    assert fingerprint(texts.values()) == fingerprint(decomposed.values())
    # Order of writing does not matter: records are sorted by ID.
    assert fingerprint(reversed(list(texts.values()))) == fingerprint(texts.values())


def _texts(body):
    from civitrace.reader import read_text
    from civitrace.seal import SealedText

    text = f":::{{recommendation}} R-01 Titre\n{body}\n:::\n\n:::{{principle}} P-1 Principe\nTexte.\n:::\n"
    return [SealedText.of(o) for o in read_text(text, "x.md").objects]


def test_word_diff_and_normalisation():
    assert normalised_text("  Un\n  deux\n\n\n trois  ") == "Un deux\n\ntrois"
    assert word_diff("z a b c d e f g h", "z a b c X e f g h") == "… a b c [-d-] {+X+} e f g …"
    assert word_diff("un deux", "un") == "un [-deux-]"


@pytest.mark.sphinx
def test_the_pages_show_the_statement_the_fingerprint_and_both_wordings(tmp_path, capsys):
    root = sealed_repo(tmp_path / "p")
    reword(root, erratum=True)
    assert main(["seal", str(root)]) == 0
    printed = capsys.readouterr().out.strip()
    done = build(root, tmp_path / "out")
    assert not done.civitrace_warnings(), done.warnings
    page = done.text("opinion/principes")
    assert (
        "Texte conforme à la version adoptée le 14 mars 2025, à l'exception des errata signalés. "
        f"Empreinte SHA-256 du texte adopté (étiquette avis-adopte) : {printed}"
    ) in page
    assert "Erratum 2 juin 2025 : Coquille signalée par la convention" in page
    assert "Texte adopté, puis corrigé." in page
    assert "Texte adopté le 14 mars 2025, avant l'erratum du 2 juin 2025 : Texte adopté." in page
    # The strategy's page holds no sealed text: no statement there.
    assert "Empreinte SHA-256" not in done.text("strategy/axe")


@pytest.mark.sphinx
def test_the_build_warns_altered_text_at_the_block(tmp_path):
    root = sealed_repo(tmp_path / "p")
    reword(root)
    done = build(root, tmp_path / "out")
    (warning,) = [w for w in done.civitrace_warnings() if w[3] == "altered-text"]
    assert warning[:2] == ("opinion/principes.md", 7)
    assert "Cette page diffère de la version adoptée" not in done.text("opinion/principes")
    assert "Ce texte diffère de la version adoptée le 14 mars 2025." in done.text("opinion/principes")
    unavailable = AdoptedUnavailable("x", "y")
    assert unavailable.location.path == "pyproject.toml"


@pytest.mark.sphinx
def test_the_pdf_shows_the_statement_and_the_adopted_wording_too(tmp_path):
    root = sealed_repo(tmp_path / "p")
    reword(root, erratum=True)
    done = build(root, tmp_path / "pdf", builder="civitrace-pdf")
    assert not done.civitrace_warnings(), done.warnings
    printed = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(tmp_path / "pdf" / "civitrace.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    text = " ".join(printed.replace("’", "'").split())
    assert "Texte conforme à la version adoptée le 14 mars 2025, à l'exception des errata signalés." in text
    assert "Texte adopté le 14 mars 2025, avant l'erratum du 2 juin 2025 :" in text
    # The fingerprint may be cut across lines on paper: its characters are all there, in order.
    assert load_adopted(root).fingerprint in "".join(printed.split())


@pytest.mark.sphinx
def test_check_and_the_build_say_the_same_thing_in_the_same_words(tmp_path, capsys, monkeypatch):
    import json

    root = sealed_repo(tmp_path / "p")
    reword(root)
    path = root / "opinion/principes.md"
    path.write_text(path.read_text(encoding="utf-8").replace("R-02 Débattre", "R-02b Débattre"), encoding="utf-8")
    done = build(root, tmp_path / "out")
    codes = {"altered-text", "added-after-adoption", "removed-after-adoption"}
    from_build = {w for w in done.civitrace_warnings() if w[3] in codes}
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")  # the site is French: so is check, in a French locale
    assert main(["check", str(root), "--format", "json"]) == 1
    from_check = {
        (d["path"], d["line"], d["message"], d["code"])
        for d in json.loads(capsys.readouterr().out)
        if d["code"] in codes
    }
    assert len(from_check) == 3
    assert from_build == from_check


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ('[tool.civitrace]\nadopted = ["avis"]\n', "adopted must be the name of a git tag, in quotes"),
        ('[tool.civitrace]\nadopted = ""\n', "'' is not a tag name"),
        ("tool = 3\n", None),  # no table at all: not sealed, and no traceback
    ],
)
def test_malformed_settings_are_diagnostics(tmp_path, settings, expected):
    root = write_project(tmp_path / "p", {**VALID, "pyproject.toml": settings})
    done = subprocess.run(
        [sys.executable, "-m", "civitrace", "check", str(root)], capture_output=True, text=True, check=False
    )
    assert "Traceback" not in done.stderr
    if expected is None:
        assert done.returncode == 0, done.stdout
    else:
        assert done.returncode == 1 and expected in done.stdout and done.stdout.startswith("pyproject.toml:2: error:")


def test_close_changes_are_shown_as_one_place():
    assert word_diff("a b c d e f g h i j", "a X c Y e f g h i j") == "a [-b-] {+X+} c [-d-] {+Y+} e f g …"
    assert word_diff("", "Nouveau texte") == "{+Nouveau texte+}"
