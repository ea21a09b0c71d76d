"""A real LSP client for the tests: `civitrace lsp` in a subprocess, spoken to with pygls' client over stdio."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

TIMEOUT = 30.0


class LspSession:
    """A language server process and a client, driven synchronously from tests."""

    def __init__(self, root: Path, env: dict[str, str] | None = None) -> None:
        self.root = root
        self.loop = asyncio.new_event_loop()
        self.client = LanguageClient("civitrace-tests", "1")
        self.diagnostics: dict[str, list[types.Diagnostic]] = {}
        self.publications: list[str] = []
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.diagnostics[params.uri] = params.diagnostics
            self.publications.append(params.uri)

        environment = {**os.environ, **(env or {})}
        self.run(self.client.start_io(sys.executable, "-m", "civitrace", "lsp", cwd=str(root), env=environment))
        self.initialize_result = self.run(
            self.client.initialize_async(
                types.InitializeParams(
                    capabilities=types.ClientCapabilities(),
                    root_uri=self.uri(""),
                    workspace_folders=[types.WorkspaceFolder(uri=self.uri(""), name="example")],
                )
            )
        )
        self.client.initialized(types.InitializedParams())

    def run(self, awaitable: object) -> object:
        return self.loop.run_until_complete(asyncio.wait_for(awaitable, TIMEOUT))  # type: ignore[arg-type]

    def uri(self, rel: str) -> str:
        return from_fs_path(str((self.root / rel).resolve()) if rel else str(self.root.resolve()))

    def wait_until(self, condition: Callable[[], bool], timeout: float = TIMEOUT) -> None:
        """Let the client read the server's messages until ``condition`` holds."""

        async def poll() -> None:
            deadline = time.monotonic() + timeout
            while not condition():
                if time.monotonic() > deadline:
                    raise AssertionError("the language server did not answer in time")
                await asyncio.sleep(0.02)

        self.loop.run_until_complete(poll())

    def open(self, rel: str) -> str:
        uri = self.uri(rel)
        text = (self.root / rel).read_text(encoding="utf-8")
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
            )
        )
        return uri

    def change(self, uri: str, text: str) -> None:
        """Replace the whole unsaved text of an open document."""
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    def next_diagnostics(self, uri: str, action: Callable[[], None]) -> list[types.Diagnostic]:
        """Do ``action`` and return the next diagnostics published for ``uri``."""
        seen = len(self.publications)
        action()
        self.wait_until(lambda: uri in self.publications[seen:])
        return self.diagnostics[uri]

    def close(self) -> None:
        self.run(self.client.shutdown_async(None))
        self.client.exit(None)
        self.run(self.client.stop())
        self.loop.close()
