"""`civitrace lsp` driven through the protocol by a real client, on a copy of the example."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from civitrace import i18n
from civitrace.reader import read_project, read_source
from civitrace.rules import check
from civitrace.vocabulary import KINDS, label_for
from lsp_client import LspSession

MEASURES = "strategy/02-axe-controle.md"
OPINION = "opinion/02-sobriete.md"


@pytest.fixture(scope="module")
def example(repo_root, tmp_path_factory):
    copy = tmp_path_factory.mktemp("lsp") / "example"
    for folder in ("opinion", "strategy"):
        shutil.copytree(repo_root / folder, copy / folder)
    shutil.copy(repo_root / "pyproject.toml", copy / "pyproject.toml")
    return copy


@pytest.fixture(scope="module")
def lsp(example):
    # One language for the server and for what the tests expect: the messages' own (English).
    i18n.set_language("en")
    session = LspSession(example, env={"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "LANGUAGE": ""})
    yield session
    session.close()


def label(kind):
    """A kind's name as the server shows it."""
    return i18n._(KINDS[kind].label)


@pytest.fixture
def measures(lsp, example):
    """The measures' file, open in the editor; its unsaved text is put back after the test."""
    uri = lsp.uri(MEASURES)
    if uri not in lsp.versions:
        lsp.next_diagnostics(uri, lambda: lsp.open(MEASURES))
    original = (example / MEASURES).read_text(encoding="utf-8")
    yield uri, original
    lsp.change(uri, original)


def text_of(example, rel, changed=None):
    return changed if changed is not None else (example / rel).read_text(encoding="utf-8")


def line_index(text, needle, start=0):
    return next(i for i, line in enumerate(text.splitlines()) if needle in line and i >= start)


def position(text, needle, offset=0, start_line=0):
    """The protocol position of ``needle`` (plus ``offset`` characters), first found from ``start_line``."""
    row = line_index(text, needle, start_line)
    return types.Position(row, text.splitlines()[row].index(needle) + offset)


def expected_diagnostics(example, rel, texts):
    """What `civitrace check` says about ``rel`` when the files hold ``texts`` (unsaved overlays)."""
    project = read_project(example)
    if texts:
        from civitrace.model import Project

        objects = [o for o in project.objects if o.location.path not in texts]
        diagnostics = [d for d in project.reader_diagnostics if d.location.path not in texts]
        for path, text in texts.items():
            result = read_source(text, path)
            objects += result.objects
            diagnostics += result.diagnostics
        project = Project.from_parts(objects, diagnostics)
    return [
        (d.location.line - 1, d.code, d.message)
        for d in check(project, as_of=dt.date.today())
        if d.location.path == rel
    ]


def as_pairs(diagnostics):
    return sorted((d.code, d.message) for d in diagnostics)


def expected_pairs(example, rel, texts):
    return sorted((code, message) for _, code, message in expected_diagnostics(example, rel, texts))


def test_initialize_announces_every_feature(lsp):
    capabilities = lsp.initialize_result.capabilities
    assert capabilities.completion_provider is not None
    assert capabilities.hover_provider
    assert capabilities.definition_provider
    assert capabilities.references_provider
    assert capabilities.rename_provider
    assert capabilities.code_action_provider


def test_opening_a_file_publishes_the_checks_diagnostics(lsp, example, measures):
    uri, _original = measures
    found = lsp.diagnostics[uri]
    assert as_pairs(found) == expected_pairs(example, MEASURES, {})
    # Diagnostics about a whole object are on its opening line.
    assert {d.range.start.line for d in found} == {line for line, _, _ in expected_diagnostics(example, MEASURES, {})}
    assert all(d.source == "civitrace" for d in found)


def test_unsaved_text_creates_then_fixes_an_error(lsp, example, measures):
    uri, original = measures
    broken = original.replace(":status: in-progress", ":status: in-progres", 1)
    found = lsp.next_diagnostics(uri, lambda: lsp.change(uri, broken))
    assert as_pairs(found) == expected_pairs(example, MEASURES, {MEASURES: broken})
    [error] = [d for d in found if d.code == "invalid-value"]
    assert error.severity == types.DiagnosticSeverity.Error
    # The value itself is underlined.
    row = line_index(broken, ":status: in-progres")
    assert error.range == types.Range(types.Position(row, 9), types.Position(row, 9 + len("in-progres")))
    assert "in-progres" in error.message

    fixed = lsp.next_diagnostics(uri, lambda: lsp.change(uri, original))
    assert not [d for d in fixed if d.code == "invalid-value"]
    assert (example / MEASURES).read_text(encoding="utf-8") == original  # the file on disk is never written


def test_a_removed_measure_makes_its_recommendation_uncovered_in_another_file(lsp, example, measures):
    uri, original = measures
    project = read_project(example)
    rec = next(
        r
        for r in project.of_kind("recommendation")
        if {m.location.path for m in project.measures_for(r.id)} == {MEASURES}
        and getattr(project.response_for(r.id), "values", {}).get("decision") in (None, "adopted", "partial")
    )
    other = lsp.uri(rec.location.path)
    kept = []
    skipping = False
    for line in original.splitlines(keepends=True):
        if line.startswith(":::{measure}") and any(m.id in line for m in project.measures_for(rec.id)):
            skipping = True
        if not skipping:
            kept.append(line)
        elif line.strip() == ":::":
            skipping = False
    found = lsp.next_diagnostics(other, lambda: lsp.change(uri, "".join(kept)))
    uncovered = [d for d in found if d.code == "uncovered"]
    assert [d.range.start.line for d in uncovered] == [rec.location.line - 1]
    [expected] = [
        m
        for _, code, m in expected_diagnostics(example, rec.location.path, {MEASURES: "".join(kept)})
        if code == "uncovered"
    ]
    assert uncovered[0].message == expected

    # Putting the measure back clears the other file's diagnostic.
    cleared = lsp.next_diagnostics(other, lambda: lsp.change(uri, original))
    assert not [d for d in cleared if d.code == "uncovered"]


def completion_labels(lsp, uri, pos):
    result = lsp.run(
        lsp.client.text_document_completion_async(
            types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=pos)
        )
    )
    items = result.items if isinstance(result, types.CompletionList) else (result or [])
    return items


def test_completion_of_option_names_skips_those_written(lsp, example, measures):
    uri, original = measures
    text = original + "\n:::{measure} M-90 Essai\n:responds: R-01\n:st\n:axis: AXE-CONTROLE\n\nTexte.\n:::\n"
    lsp.change(uri, text)
    pos = types.Position(len(original.splitlines()) + 3, 3)
    items = completion_labels(lsp, uri, pos)
    labels = [i.label for i in items]
    assert "status" in labels and "start" in labels and "owner" in labels
    assert "responds" not in labels and "axis" not in labels
    status = next(i for i in items if i.label == "status")
    assert status.text_edit.new_text == "status: "
    assert status.text_edit.range == types.Range(types.Position(pos.line, 1), pos)


def test_completion_of_values_comes_from_the_vocabulary(lsp, example, measures):
    uri, original = measures
    pos = position(original, ":status: ", len(":status: "))
    items = completion_labels(lsp, uri, pos)
    assert [i.label for i in items] == ["planned", "in-progress", "done", "delayed", "abandoned"]
    assert [i.detail for i in items] == [i18n._(label_for("status", i.label, "measure")) for i in items]


def test_completion_of_ids_offers_the_right_kind_with_titles(lsp, example, measures):
    uri, original = measures
    project = read_project(example)
    text = original.replace(":responds: R-01, R-02", ":responds: R-01, ", 1)
    lsp.change(uri, text)
    items = completion_labels(lsp, uri, position(text, ":responds: R-01, ", len(":responds: R-01, ")))
    # Recommendations only, with their titles, less the one already listed.
    assert {i.label for i in items} == {r.id for r in project.of_kind("recommendation")} - {"R-01"}
    assert all(i.detail == project.by_id[i.label].title for i in items)

    axes = completion_labels(lsp, uri, position(original, ":axis: ", len(":axis: ")))
    assert {i.label for i in axes} == {a.id for a in project.of_kind("axis")}


def test_completion_in_a_trace_role_offers_every_id(lsp, example, measures):
    uri, original = measures
    text = original.replace("\n## ", "\nVoir {trace}`M-\n\n## ", 1)
    lsp.change(uri, text)
    items = completion_labels(lsp, uri, position(text, "{trace}`M-", len("{trace}`")))
    assert {"M-01", "R-01", "AXE-CONTROLE", "I-01", "P-UTILITE"} <= {i.label for i in items}
    # What is typed narrows the list (IDs starting with it, or titles containing it).
    typed = completion_labels(lsp, uri, position(text, "{trace}`M-", len("{trace}`M-")))
    project = read_project(example)
    assert {i.label for i in typed} == {o.id for o in project.by_id.values() if o.id.startswith("M-")}


def test_hover_shows_kind_title_status_and_where_it_is_answered(lsp, example, measures):
    uri, original = measures
    project = read_project(example)
    result = lsp.run(
        lsp.client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position(original, ":responds: R-05", len(":responds: R-")),
            )
        )
    )
    text = result.contents.value
    rec = project.by_id["R-05"]
    assert text.startswith(f"**{label('recommendation')} R-05** — ")
    assert "Peser l'empreinte environnementale" in text
    for measure in project.measures_for("R-05"):
        assert f"- {measure.id} — " in text
    assert i18n._(label_for("decision", project.response_for("R-05").get("decision"), "response")) in text
    assert rec.location.path in text
    row = line_index(original, ":responds: R-05")
    assert result.range == types.Range(types.Position(row, 11), types.Position(row, 15))


def test_definition_goes_to_the_block_that_defines_the_id(lsp, example, measures):
    uri, original = measures
    result = lsp.run(
        lsp.client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position(original, ":responds: R-05", len(":responds: R-0")),
            )
        )
    )
    opinion = (example / OPINION).read_text(encoding="utf-8")
    row = line_index(opinion, ":::{recommendation} R-05")
    assert result.uri == lsp.uri(OPINION)
    assert result.range == types.Range(types.Position(row, 20), types.Position(row, 24))


def test_references_list_the_measures_that_respond(lsp, example, measures):
    uri, original = measures
    project = read_project(example)
    result = lsp.run(
        lsp.client.text_document_references_async(
            types.ReferenceParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=position(original, ":responds: R-05", len(":responds: R-0")),
                context=types.ReferenceContext(include_declaration=False),
            )
        )
    )
    places = {(r.uri, r.range.start.line) for r in result}
    for measure in project.measures_for("R-05"):
        path = measure.location.path
        text = text_of(example, path)
        row = line_index(text, ":responds:", measure.location.line - 1)
        assert (lsp.uri(path), row) in places
    response = project.response_for("R-05")
    assert (lsp.uri(response.location.path), response.location.line - 1) in places
    trace = text_of(example, MEASURES)
    assert (uri, line_index(trace, "{trace}`R-05`")) in places
    assert (lsp.uri(OPINION), line_index(text_of(example, OPINION), ":::{recommendation} R-05")) not in places


def test_rename_changes_the_id_in_every_file_and_nothing_else(lsp, example, measures, tmp_path):
    uri, original = measures
    params = types.RenameParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=position(original, ":responds: R-05", len(":responds: R")),
        new_name="R-05-BIS",
    )
    edit = lsp.run(lsp.client.text_document_rename_async(params))
    files = {}
    for target_uri, edits in edit.changes.items():
        rel = next(p for p in ("opinion", "strategy") if f"/{p}/" in target_uri)
        rel = rel + target_uri.split(f"/{rel}", 1)[1]
        lines = text_of(example, rel).splitlines(keepends=True)
        for change in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            row, start, end = change.range.start.line, change.range.start.character, change.range.end.character
            assert change.range.end.line == row
            assert lines[row][start:end] == "R-05"
            lines[row] = lines[row][:start] + change.new_text + lines[row][end:]
        files[rel] = "".join(lines)
    assert {OPINION, MEASURES, "strategy/reponses.md"} <= set(files)
    renamed = tmp_path / "renamed"
    shutil.copytree(example, renamed)
    for rel, text in files.items():
        (renamed / rel).write_text(text, encoding="utf-8")
    before, after = read_project(example), read_project(renamed)
    assert "R-05" not in after.by_id and after.by_id["R-05-BIS"].title == before.by_id["R-05"].title
    assert [m.id for m in after.measures_for("R-05-BIS")] == [m.id for m in before.measures_for("R-05")]
    assert after.response_for("R-05-BIS") is not None
    assert check(after, as_of=dt.date.today()) == check(before, as_of=dt.date.today())
    # Only IDs changed: every line that differs differs by the ID alone.
    for rel, text in files.items():
        old = text_of(example, rel).splitlines()
        for a, b in zip(old, text.splitlines(), strict=True):
            if a != b:
                assert a.replace("R-05", "R-05-BIS") == b


def test_rename_refuses_an_id_already_taken(lsp, example, measures):
    uri, original = measures
    params = types.RenameParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=position(original, ":responds: R-05", len(":responds: R")),
        new_name="M-01",
    )
    with pytest.raises(JsonRpcException, match="M-01"):
        lsp.run(lsp.client.text_document_rename_async(params))


def code_actions(lsp, uri, row):
    return lsp.run(
        lsp.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(types.Position(row, 0), types.Position(row, 0)),
                context=types.CodeActionContext(diagnostics=[]),
            )
        )
    )


def test_quick_fixes_offer_close_ids_and_values(lsp, example, measures):
    uri, original = measures
    text = original.replace(":axis: AXE-CONTROLE", ":axis: AXE-CONTROL", 1).replace(
        ":status: in-progress", ":status: in-progres", 1
    )
    found = lsp.next_diagnostics(uri, lambda: lsp.change(uri, text))
    assert {"unknown-reference", "invalid-value"} <= {d.code for d in found}

    row = line_index(text, ":axis: AXE-CONTROL")
    [fix] = [a for a in code_actions(lsp, uri, row) if "AXE-CONTROLE" in a.title]
    [change] = fix.edit.changes[uri]
    assert change.new_text == "AXE-CONTROLE"
    assert change.range == types.Range(types.Position(row, 7), types.Position(row, 7 + len("AXE-CONTROL")))
    assert fix.kind == types.CodeActionKind.QuickFix

    row = line_index(text, ":status: in-progres")
    [fix] = code_actions(lsp, uri, row)
    assert fix.edit.changes[uri][0].new_text == "in-progress"


def test_the_server_says_what_is_missing_without_pygls(tmp_path):
    """`civitrace lsp` without pygls: a clear message and exit status 2, not a traceback."""
    import subprocess
    import sys

    blocker = tmp_path / "pygls"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('pygls is not installed')\n")
    done = subprocess.run(
        [sys.executable, "-m", "civitrace", "lsp"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 2
    assert "pip install 'civitrace[lsp]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_positions_count_in_the_clients_encoding(lsp, example, measures):
    """A character outside the BMP counts as two UTF-16 units before an ID: hover still finds it."""
    uri, original = measures
    text = original.replace("\n## ", "\nVoir 🙂 {trace}`R-05` ici.\n\n## ", 1)
    lsp.change(uri, text)
    row = line_index(text, "🙂 {trace}`R-05`")
    column = len("Voir 🙂 {trace}`R-0".encode("utf-16-le")) // 2
    result = lsp.run(
        lsp.client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(row, column))
        )
    )
    assert result.contents.value.startswith(f"**{label('recommendation')} R-05**")
    start = len("Voir 🙂 {trace}`".encode("utf-16-le")) // 2
    assert result.range == types.Range(types.Position(row, start), types.Position(row, start + 4))


def test_a_file_saved_for_the_first_time_joins_the_project(lsp, example):
    rel = "strategy/nouvelle-page.md"
    uri = lsp.uri(rel)
    text = ":::{measure} M-90 Nouvelle mesure\n:responds: R-99\n\nTexte.\n:::\n"
    (example / rel).write_text(text, encoding="utf-8")
    try:
        found = lsp.next_diagnostics(uri, lambda: lsp.open(rel))
        assert ("unknown-reference", "measure M-90 responds to unknown recommendation R-99") in as_pairs(found)
    finally:
        (example / rel).unlink()
        lsp.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
    # Once the file is gone, its diagnostics are cleared.
    lsp.wait_until(lambda: len(lsp.diagnostics[uri]) == 0)


def test_files_changed_outside_the_editor_are_read_again(lsp, example):
    """A file written by another tool (here not UTF-8): the client says so, its diagnostic comes at its line."""
    rel = "strategy/latin1.md"
    uri = lsp.uri(rel)

    def tell(kind):
        lsp.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri, type=kind)])
        )

    (example / rel).write_bytes("# Axe\n\nDéjà écrit.\n".encode("latin-1"))
    try:
        found = lsp.next_diagnostics(uri, lambda: tell(types.FileChangeType.Created))
        [problem] = found
        assert problem.code == "encoding"
        assert problem.range.start.line == 2
    finally:
        (example / rel).unlink()
    tell(types.FileChangeType.Deleted)
    lsp.wait_until(lambda: len(lsp.diagnostics[uri]) == 0)


def test_completion_of_kinds_and_of_the_next_free_id(lsp, example, measures):
    uri, original = measures
    text = original + "\n:::{me\n"
    lsp.change(uri, text)
    row = len(original.splitlines()) + 1
    kinds = completion_labels(lsp, uri, types.Position(row, len(":::{me")))
    assert set(KINDS) == {i.label for i in kinds}
    measure = next(i for i in kinds if i.label == "measure")
    assert measure.text_edit.new_text == "measure}"
    assert measure.text_edit.range == types.Range(types.Position(row, 4), types.Position(row, 6))

    text = original + "\n:::{measure} \n"
    lsp.change(uri, text)
    [next_id] = completion_labels(lsp, uri, types.Position(row, len(":::{measure} ")))
    assert next_id.label == "M-27"


def test_quick_fix_for_a_misspelt_option_name(lsp, example, measures):
    uri, original = measures
    text = original.replace(":status: in-progress", ":staus: in-progress", 1)
    found = lsp.next_diagnostics(uri, lambda: lsp.change(uri, text))
    row = line_index(text, ":staus:")
    [unknown] = [d for d in found if d.code == "unknown-option"]
    assert unknown.range == types.Range(types.Position(row, 1), types.Position(row, 6))
    fixes = code_actions(lsp, uri, row)
    [fix] = [a for a in fixes if a.edit.changes[uri][0].new_text == "status"]
    assert fix.edit.changes[uri][0].range == unknown.range
