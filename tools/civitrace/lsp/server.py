"""The language server: pygls on stdio, one :class:`ProjectCache` per project, the features wired in.

Typing only stores the text; the file is re-read when a request needs it or, for
diagnostics, once the author pauses (:data:`PAUSE` seconds), and then every file whose
diagnostics changed is published (the open one, and those a change elsewhere affects).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..i18n import _
from ..project_cache import ProjectCache
from ..project_root import find_project_root
from ..source_spans import FileSpans, Occurrence, Span
from . import completion, navigation, quick_fixes
from .context import cursor_at
from .convert import NARROWED_CODES, diagnostic_span, from_position, lines_of, to_diagnostic, to_range

#: Seconds of quiet after a change before diagnostics are computed and published.
PAUSE = 0.15


class CivitraceServer(LanguageServer):
    """The civitrace language server: projects found from the open files, read once, kept current."""

    def __init__(self) -> None:
        super().__init__("civitrace", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.projects: dict[Path, ProjectCache] = {}
        self._roots: dict[Path, Path | None] = {}
        self._published: dict[str, tuple] = {}
        self._timer: asyncio.TimerHandle | None = None
        self._waiting: set[Path] = set()
        self.warm: set[Path] = set()

    # -- files and projects --------------------------------------------------------------------

    def locate(self, uri: str) -> tuple[ProjectCache, str] | None:
        """The project holding ``uri`` and the file's path in it, reading the project the first time."""
        fs_path = to_fs_path(uri) if uri.startswith("file:") else None
        if fs_path is None:
            return None  # an unsaved buffer without a file: not part of any project yet
        path = Path(fs_path).resolve()
        folder = path.parent
        if folder not in self._roots:
            self._roots[folder] = find_project_root(folder)
        root = self._roots[folder]
        if root is None:
            return None
        cache = self.projects.get(root)
        if cache is None:
            cache = self.projects[root] = ProjectCache(root)
        return cache, path.relative_to(root).as_posix()

    def uri_of(self, cache: ProjectCache, rel: str) -> str:
        return from_fs_path(str(cache.root / rel)) or ""

    def lines(self, cache: ProjectCache, rel: str) -> list[str]:
        return lines_of(cache.text(rel))

    def to_range(self, cache: ProjectCache, rel: str, span: Span) -> types.Range:
        return to_range(self.workspace.position_codec, self.lines(cache, rel), span)

    def location(self, cache: ProjectCache, rel: str, span: Span) -> types.Location:
        return types.Location(uri=self.uri_of(cache, rel), range=self.to_range(cache, rel, span))

    def sync(self, uri: str) -> tuple[ProjectCache, str] | None:
        """Give the project the editor's current text of ``uri``."""
        found = self.locate(uri)
        if found is None:
            return None
        cache, rel = found
        document = self.workspace.get_text_document(uri)
        cache.set_text(rel, document.source)
        return found

    # -- diagnostics ---------------------------------------------------------------------------

    def publish_soon(self, cache: ProjectCache, delay: float = PAUSE) -> None:
        """Publish the project's diagnostics once the author pauses."""
        self._waiting.add(cache.root)
        if self._timer is not None:
            self._timer.cancel()
        self._timer = asyncio.get_running_loop().call_later(delay, self.publish_waiting)

    def publish_waiting(self) -> None:
        self._timer = None
        for root in sorted(self._waiting):
            self.publish(self.projects[root])
        self._waiting.clear()

    def warm_up(self, cache: ProjectCache) -> None:
        """Map every file's spans in the background, one file per turn of the loop, so that the first
        references or rename does not pay for all of them; requests are answered between two files."""
        pending = iter(cache.paths())
        loop = asyncio.get_running_loop()

        def next_file() -> None:
            rel = next(pending, None)
            if rel is not None:
                cache.spans(rel)
                loop.call_soon(next_file)

        loop.call_soon(next_file)

    def publish(self, cache: ProjectCache) -> None:
        """Publish the diagnostics of every file whose diagnostics changed (clearing those now clean)."""
        codec = self.workspace.position_codec
        current = cache.diagnostics()
        prefix = from_fs_path(str(cache.root)) or ""
        for uri in [u for u in self._published if u.startswith(prefix + "/")]:
            rel = uri[len(prefix) + 1 :]
            if rel not in current:  # a file that left the project
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
                del self._published[uri]
        for rel, found in current.items():
            uri = self.uri_of(cache, rel)
            signature = tuple(found)
            if self._published.get(uri, ()) == signature:
                continue
            lines = self.lines(cache, rel)
            # Mapping a file's spans costs a pass over it: only when a diagnostic is narrowed with them.
            spans = cache.spans(rel) if any(d.code in NARROWED_CODES for d in found) else FileSpans()
            items = [to_diagnostic(d, to_range(codec, lines, diagnostic_span(d, lines, spans))) for d in found]
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=items))
            self._published[uri] = signature


server = CivitraceServer()


@server.feature(types.INITIALIZED)
def initialized(ls: CivitraceServer, params: types.InitializedParams) -> None:
    """Read the workspace's projects now, so the first request does not wait for it."""
    folders = ls.workspace.folders.values() if ls.workspace.folders else []
    uris = [f.uri for f in folders] or ([ls.workspace.root_uri] if ls.workspace.root_uri else [])
    for uri in uris:
        fs_path = to_fs_path(uri)
        root = find_project_root(fs_path) if fs_path else None
        if root is not None and root not in ls.projects:
            ls.projects[root] = ProjectCache(root)
    watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if watched and watched.dynamic_registration:
        # Files changed outside the editor (git checkout, another tool): the client tells, the project re-reads.
        ls.client_register_capability(
            types.RegistrationParams(
                registrations=[
                    types.Registration(
                        id="civitrace-watch",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=types.DidChangeWatchedFilesRegistrationOptions(
                            watchers=[
                                types.FileSystemWatcher(glob_pattern="**/*.md"),
                                types.FileSystemWatcher(glob_pattern="**/pyproject.toml"),
                            ]
                        ),
                    )
                ]
            )
        )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: CivitraceServer, params: types.DidOpenTextDocumentParams) -> None:
    found = ls.locate(params.text_document.uri)
    if found is None:
        return
    cache, _rel = found
    if cache.root not in ls.warm:
        ls.warm.add(cache.root)
        ls.warm_up(cache)
    cache.refresh()
    ls.sync(params.text_document.uri)
    ls.publish_soon(cache, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: CivitraceServer, params: types.DidChangeTextDocumentParams) -> None:
    found = ls.sync(params.text_document.uri)
    if found is not None:
        ls.publish_soon(found[0])


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: CivitraceServer, params: types.DidSaveTextDocumentParams) -> None:
    found = ls.locate(params.text_document.uri)
    if found is not None:
        found[0].refresh()  # first: a file saved for the first time joins the project
        ls.sync(params.text_document.uri)
        ls.publish_soon(found[0], 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: CivitraceServer, params: types.DidCloseTextDocumentParams) -> None:
    found = ls.locate(params.text_document.uri)
    if found is not None:
        cache, rel = found
        cache.drop_text(rel)
        cache.refresh()
        ls.publish_soon(cache, 0)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: CivitraceServer, params: types.DidChangeWatchedFilesParams) -> None:
    for cache in ls.projects.values():
        if cache.refresh():
            ls.publish_soon(cache, 0)


# -- requests --------------------------------------------------------------------------------


def _at(ls: CivitraceServer, uri: str, position: types.Position) -> tuple[ProjectCache, str, int, int] | None:
    found = ls.locate(uri)
    if found is None:
        return None
    cache, rel = found
    row, column = from_position(ls.workspace.position_codec, ls.lines(cache, rel), position)
    return cache, rel, row, column


def _id_at(ls: CivitraceServer, uri: str, position: types.Position) -> tuple[ProjectCache, str, Occurrence] | None:
    """The ID written under the cursor, with its file's project (``None`` when there is none)."""
    found = _at(ls, uri, position)
    if found is None:
        return None
    cache, rel, row, column = found
    occurrence = cache.spans(rel).occurrence_at(row, column)
    return None if occurrence is None else (cache, rel, occurrence)


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[":", "{", "`", ",", " ", "<"]),
)
def complete(ls: CivitraceServer, params: types.CompletionParams) -> types.CompletionList | None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    lines = lines_of(document.source)
    codec = ls.workspace.position_codec
    row, column = from_position(codec, lines, params.position)
    found = ls.locate(params.text_document.uri)
    if found is None:
        return None
    cursor = cursor_at(lines, row, column)
    if cursor.where == "none":
        return None
    return completion.completions(
        cursor, found[0].project(), lambda span: to_range(codec, lines, span), dt.date.today()
    )


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: CivitraceServer, params: types.HoverParams) -> types.Hover | None:
    found = _id_at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    cache, rel, occurrence = found
    project = cache.project()
    obj = navigation.target_of(project, occurrence)
    if obj is None:
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown,
                value=_("No object has the ID {id}.").format(id=navigation.md(occurrence.id)),
            ),
            range=ls.to_range(cache, rel, occurrence.span),
        )
    ready = cache.diagnostics_if_ready() or {}
    problems = [d.message for d in ready.get(obj.location.path, []) if obj.id in d.ids[:1]]
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value=navigation.hover_text(project, obj, problems)
        ),
        range=ls.to_range(cache, rel, occurrence.span),
    )


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: CivitraceServer, params: types.DefinitionParams) -> types.Location | None:
    found = _id_at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    cache, _rel, occurrence = found
    obj = navigation.target_of(cache.project(), occurrence)
    if obj is None:
        return None
    return ls.location(cache, *navigation.definition_of(cache, obj))


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: CivitraceServer, params: types.ReferenceParams) -> list[types.Location] | None:
    found = _id_at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    cache, _rel, occurrence = found
    places = navigation.occurrences_of(cache, occurrence.id, params.context.include_declaration)
    return [ls.location(cache, place_rel, o.span) for place_rel, o in places]


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: CivitraceServer, params: types.PrepareRenameParams) -> types.Range | None:
    found = _id_at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    cache, rel, occurrence = found
    if navigation.target_of(cache.project(), occurrence) is None:
        return None
    return ls.to_range(cache, rel, occurrence.span)


@server.feature(types.TEXT_DOCUMENT_RENAME)
def rename(ls: CivitraceServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    found = _at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    cache, rel, row, column = found
    occurrence = cache.spans(rel).occurrence_at(row, column)
    if occurrence is None or navigation.target_of(cache.project(), occurrence) is None:
        raise JsonRpcInvalidParams(_("There is no object ID to rename here."))
    try:
        edits = navigation.rename_edits(cache, occurrence.id, params.new_name)
    except navigation.RenameError as exc:
        raise JsonRpcInvalidParams(str(exc)) from None
    changes = {
        ls.uri_of(cache, place): [
            types.TextEdit(range=ls.to_range(cache, place, span), new_text=params.new_name.strip()) for span in spans
        ]
        for place, spans in edits.items()
    }
    return types.WorkspaceEdit(changes=changes)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(ls: CivitraceServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    found = ls.locate(params.text_document.uri)
    if found is None:
        return None
    cache, rel = found
    fixes = quick_fixes.fixes_on(cache.project(), cache.spans(rel), params.range.start.line, params.range.end.line)
    actions = []
    for index, fix in enumerate(fixes):
        fix_range = ls.to_range(cache, rel, fix.span)
        related = [
            d for d in params.context.diagnostics if d.code == fix.code and d.range.start.line == fix_range.start.line
        ]
        actions.append(
            types.CodeAction(
                title=fix.title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=related or None,
                is_preferred=index == 0 or None,
                edit=types.WorkspaceEdit(
                    changes={params.text_document.uri: [types.TextEdit(range=fix_range, new_text=fix.text)]}
                ),
            )
        )
    return actions


def serve() -> None:
    """Run the server on standard input and output until the client says exit."""
    server.start_io()
