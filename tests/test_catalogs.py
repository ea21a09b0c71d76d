"""The message catalogs: complete, without leftovers, and used by the command line as the locale says."""

from __future__ import annotations

import ast
import json
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from civitrace import i18n

PACKAGE = Path(i18n.__file__).parent
#: The gettext markers of civitrace and how many string arguments each takes.
MARKERS = {"_": 1, "N_": 1, "ngettext": 2, "pgettext": 2, "npgettext": 3, "NP_": 2}
#: The markers whose first argument is a context (``msgctxt``), not a message.
CONTEXT_MARKERS = {"pgettext", "npgettext", "NP_"}


class ContextKey(tuple):
    """The key of a message with a context: (context, message ID or (singular, plural))."""


def _key(name: str, values: list[str]) -> object:
    # The key of a catalog entry: the message (a tuple for plurals), with its context when it has one.
    context = values.pop(0) if name in CONTEXT_MARKERS else None
    key: object = values[0] if len(values) == 1 else tuple(values)
    return ContextKey((context, key)) if context is not None else key


def extract(root: Path) -> dict[object, list[str]]:
    """Every message ID marked in the sources under ``root`` (inside f-strings too), with where it is.

    A key is the message ID, a (singular, plural) tuple, or (context, either) for the contextual markers.
    """
    found: dict[object, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS):
                continue
            count = MARKERS[node.func.id]
            args = node.args[:count]
            if len(args) == count and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                key = _key(node.func.id, [a.value for a in args])
                found.setdefault(key, []).append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def catalog(language: str, domain: str = "civitrace"):
    with (PACKAGE / "locale" / language / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.fixture(scope="module")
def marked():
    return extract(PACKAGE)


def test_every_marked_message_has_a_french_translation(marked):
    french = catalog("fr")
    untranslated = []
    for key, places in marked.items():
        context, message = key if isinstance(key, ContextKey) else (None, key)
        entry = french.get(message[0] if isinstance(message, tuple) else message, context=context)
        strings = entry.string if entry is not None else ""
        strings = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or not all(strings) or (isinstance(message, tuple) and entry.id != message):
            untranslated.append(f"{key!r} ({places[0]})")
    assert not untranslated, "missing from locale/fr/LC_MESSAGES/civitrace.po:\n" + "\n".join(untranslated)


def test_the_catalog_holds_no_obsolete_entry(marked):
    ids = set()
    for key in marked:
        context, message = key if isinstance(key, ContextKey) else (None, key)
        ids.add((context, message[0] if isinstance(message, tuple) else message))
    obsolete = [
        m.id for m in catalog("fr") if m.id and (m.context, m.id[0] if isinstance(m.id, tuple) else m.id) not in ids
    ]
    assert not obsolete, f"no longer in the sources: {obsolete}"


def test_contextual_messages_are_extracted_and_translated():
    """Gender agreement goes through contexts: one French word per kind for one English message."""
    found = extract(PACKAGE)
    assert ContextKey(("measure", "added")) in found and ContextKey(("axis", "added")) in found
    with i18n.language("fr"):
        assert (i18n.pgettext("measure", "added"), i18n.pgettext("axis", "added")) == ("ajoutée", "ajouté")
    assert i18n.pgettext("measure", "added") == "added"


def test_every_kind_has_its_history_events():
    from civitrace.history.diff_formats import _EVENTS, event
    from civitrace.vocabulary import KINDS

    assert set(_EVENTS) == set(KINDS)
    with i18n.language("fr"):
        assert [event(k, "added") for k in ("recommendation", "principle", "ai-system", "deliberation")] == [
            "ajoutée",
            "ajouté",
            "ajouté",
            "ajoutée",
        ]


def test_translations_keep_the_placeholders(marked):
    """A French message that dropped or renamed a placeholder would fail when formatted."""
    french = catalog("fr")
    for message in french:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            # Every placeholder of a translation is one the code supplies; English IDs name some words with
            # their article ({a_kind}), which other languages take bare ({kind}).
            names = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            supplied = {f for i in ids for _, f, _, _ in string.Formatter().parse(i) if f}
            supplied |= {f.removeprefix("a_") for f in supplied}
            assert names <= supplied, (message.id, text)


def test_sphinx_language_and_locale_names_are_normalised():
    assert i18n.normalise("fr_FR.UTF-8") == "fr"
    assert i18n.normalise("fr") == "fr"
    assert i18n.normalise("C") == "en"
    assert i18n.normalise("de_DE") == "en"
    assert i18n.language_from_environment({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert i18n.language_from_environment({"LANG": "en_GB.UTF-8", "LANGUAGE": "fr"}) == "fr"
    assert i18n.language_from_environment({"LANG": "C.UTF-8", "LANGUAGE": "fr"}) == "en"  # as GNU gettext
    assert i18n.language_from_environment({"LC_ALL": "C", "LANGUAGE": "fr"}) == "en"
    assert i18n.language_from_environment({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}) == "en"


CLI = [sys.executable, "-c", "from civitrace.cli import run; run()"]
UNCOVERED = """\
:::{recommendation} R-01 Évaluer chaque projet
Texte.
:::
"""


def run_check(project: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run(
        [*CLI, *args, "check", str(project)],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def uncovered(tmp_path):
    (tmp_path / "opinion").mkdir()
    (tmp_path / "opinion" / "avis.md").write_text(UNCOVERED, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, (), "error: la recommandation R-01 n'est couverte par aucune mesure ni réponse"),
        ({"LANG": "C"}, (), "error: recommendation R-01 is not covered by any measure or response"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "fr"}, (), "error: recommendation R-01 is not covered"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, (), "error: recommendation R-01 is not covered"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "fr:en"}, (), "error: la recommandation R-01"),
        ({"LANG": "C"}, ("--lang", "fr"), "error: la recommandation R-01"),
        ({"LANG": "fr_FR.UTF-8"}, ("--lang", "en"), "error: recommendation R-01 is not covered"),
    ],
    ids=["fr", "C", "LANGUAGE-ignored-under-C", "LC_ALL-wins", "LANGUAGE-list", "--lang-fr", "--lang-en"],
)
def test_check_follows_the_locale(uncovered, env, args, expected):
    done = run_check(uncovered, env, *args)
    assert done.returncode == 1, done.stderr
    assert f"opinion/avis.md:1: {expected}" in done.stdout


def test_machine_formats_keep_the_stable_codes_in_french(uncovered):
    done = run_check(uncovered, {"LANG": "fr_FR.UTF-8"}, "--lang", "fr")
    assert "error:" in done.stdout  # the severity word is stable too
    as_json = subprocess.run(
        [*CLI, "--lang", "fr", "check", str(uncovered), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    (item,) = json.loads(as_json.stdout)
    assert (item["code"], item["severity"]) == ("uncovered", "error")
    assert item["message"].startswith("la recommandation R-01")


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([*CLI, *args], env={**clean, **env}, capture_output=True, text=True, check=False)


def test_help_is_entirely_french_under_a_french_locale():
    result = run_cli({"LANG": "fr_FR.UTF-8"}, "check", "--help")
    assert result.returncode == 0
    out = " ".join(result.stdout.split())  # argparse wraps at the terminal's width
    for french in (
        "utilisation : civitrace check",
        "Lire chaque fichier .md sous ROOT",
        "arguments positionnels :",
        "options :",
        "afficher ce message d'aide et quitter",
        "format de sortie (par défaut : text)",
        "écrire le rapport dans FILE plutôt que sur la sortie standard",
    ):
        assert french in out, french
    for english in ("usage", "positional arguments", "show this help", "default", "output format", "write the"):
        assert english not in out, english


def test_help_and_usage_errors_in_english_under_c_and_french_with_lang():
    english = run_cli({"LANG": "C"}, "--help")
    assert english.returncode == 0
    assert english.stdout.startswith("usage: civitrace")
    assert "check traceability and report problems" in english.stdout
    assert "show this help message and exit" in english.stdout
    forced = run_cli({"LANG": "C"}, "--lang", "fr", "diff", "--help")
    assert forced.stdout.startswith("utilisation : civitrace diff")
    assert "Comparer le projet à la révision git REV1" in " ".join(forced.stdout.split())
    error = run_cli({"LANG": "fr_FR.UTF-8"}, "check", "--format", "xml")
    assert error.returncode == 2
    assert "civitrace check : erreur : argument --format : choix invalide : 'xml'" in error.stderr
    assert (
        "error: argument --format: invalid choice: 'xml'" in run_cli({"LANG": "C"}, "check", "--format", "xml").stderr
    )


def test_language_asked_is_read_before_the_parser():
    from civitrace.cli import language_asked

    assert language_asked(["--lang", "fr", "check"]) == "fr"
    assert language_asked(["--lang=en", "diff"]) == "en"
    assert language_asked(["check", "--", "--lang", "fr"]) is None
    assert language_asked(["check"]) is None


def test_the_commands_own_usage_errors_follow_the_language(tmp_path):
    french = run_cli({"LANG": "fr_FR.UTF-8"}, "graph", str(tmp_path))
    assert french.returncode == 2
    said = french.stderr.replace("\xa0", " ")  # French typography: no-break spaces before colons
    assert "civitrace graph : erreur : indiquez où écrire le schéma : -o FICHIER (ou --split DOSSIER)" in said
    english = run_cli({"LANG": "C"}, "graph", str(tmp_path), "-o", str(tmp_path / "x.gif"))
    assert english.returncode == 2
    assert "cannot tell the format of" in english.stderr


def test_graph_reports_what_it_wrote_in_french(uncovered, tmp_path):
    target = tmp_path / "out" / "trace.svg"
    done = run_cli({"LANG": "fr_FR.UTF-8"}, "graph", str(uncovered), "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"écrit\u00a0: {target} (")
    assert "sur A4 paysage réduit à" in done.stdout and "wrote" not in done.stdout
