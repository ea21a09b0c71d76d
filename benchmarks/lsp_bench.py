"""Time `civitrace lsp` on a generated project of 10,000 objects, through the protocol, as an editor sees it.

5,000 recommendations and 5,000 measures (the check benchmark's project), spread over
``--principles`` and ``--axes`` files. A pygls client starts the server, opens a file of
measures and times each request from sending it to reading the answer (goal: 200 ms
after the first read). Run with ``nox -s benchmark`` or
``python benchmarks/lsp_bench.py [--principles N] [--axes N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_project

GOAL_MS = 200.0


async def _timed(action: object) -> float:
    start = time.perf_counter()
    await action  # type: ignore[misc]
    return (time.perf_counter() - start) * 1000


async def bench(root: Path, runs: int) -> dict[str, list[float]]:
    """Milliseconds per request kind."""
    client = LanguageClient("civitrace-bench", "1")
    published: dict[str, asyncio.Event] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.setdefault(params.uri, asyncio.Event()).set()

    await client.start_io(sys.executable, "-m", "civitrace", "lsp", cwd=str(root))
    root_uri = from_fs_path(str(root))
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root_uri, workspace_folders=None)
    )
    results: dict[str, list[float]] = {}
    rel = "strategy/01-axe.md"
    uri = from_fs_path(str(root / rel))
    text = (root / rel).read_text(encoding="utf-8")
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith(":responds: "))
    rec = lines[row].split()[1].rstrip(",")
    on_id = types.Position(row, len(":responds: ") + 1)
    document = types.TextDocumentIdentifier(uri=uri)

    start = time.perf_counter()
    published[uri] = asyncio.Event()
    client.initialized(types.InitializedParams())
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
    await published[uri].wait()
    results["first read, diagnostics of the open file"] = [(time.perf_counter() - start) * 1000]
    # The other files' diagnostics follow (every file of the project is published once): let them pass.
    count = -1
    while count != len(published):
        count = len(published)
        await asyncio.sleep(0.5)
    results["first read, diagnostics of every file"] = [(time.perf_counter() - start) * 1000 - 500]
    # The server then maps every file's spans in the background: an author reads before asking.
    await asyncio.sleep(3)

    requests = {
        "hover": lambda: client.text_document_hover_async(types.HoverParams(text_document=document, position=on_id)),
        "definition": lambda: client.text_document_definition_async(
            types.DefinitionParams(text_document=document, position=on_id)
        ),
        "references": lambda: client.text_document_references_async(
            types.ReferenceParams(
                text_document=document, position=on_id, context=types.ReferenceContext(include_declaration=True)
            )
        ),
        "completion of :responds: (5,000 IDs, 100 sent)": lambda: client.text_document_completion_async(
            types.CompletionParams(text_document=document, position=types.Position(row, len(":responds: ")))
        ),
        "completion of :status:": lambda: client.text_document_completion_async(
            types.CompletionParams(
                text_document=document, position=types.Position(row + 3, len(lines[row + 3].split(" ")[0]) + 1)
            )
        ),
        "rename": lambda: client.text_document_rename_async(
            types.RenameParams(text_document=document, position=on_id, new_name=f"{rec}-X")
        ),
        "code action": lambda: client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=document,
                range=types.Range(types.Position(row, 0), types.Position(row, 0)),
                context=types.CodeActionContext(diagnostics=[]),
            )
        ),
    }
    for name, request in requests.items():
        results[name] = [await _timed(request()) for _ in range(runs)]

    # Typing: a change, then a request at once (the changed file is re-read), then the diagnostics.
    version = 1
    after_change: list[float] = []
    diagnostics: list[float] = []
    for index in range(runs):
        version += 1
        changed = text.replace(f":responds: {rec}", f":responds: {rec}{'x' if index % 2 == 0 else ''}", 1)
        published[uri] = asyncio.Event()
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)],
            )
        )
        await client.text_document_hover_async(types.HoverParams(text_document=document, position=on_id))
        after_change.append((time.perf_counter() - start) * 1000)
        await published[uri].wait()
        diagnostics.append((time.perf_counter() - start) * 1000)
    results["hover right after a change (file re-read)"] = after_change
    results["change to published diagnostics (includes the 150 ms pause)"] = diagnostics

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return results


def rules_scaling(sizes: tuple[int, ...] = (2500, 5000, 10000, 20000), runs: int = 3) -> list[tuple[int, float, float]]:
    """The rules on the merged model (what each change re-runs), by number of objects.

    Returns (objects, median milliseconds, function calls per object): the calls show
    whether the work is linear whatever the machine's caches and load do to the clock.
    """
    import cProfile
    import datetime as dt
    import pstats

    from civitrace.project_cache import ProjectCache

    found = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            half = size // 2
            generate_project(root, half, half, max(half // 100, 1), max(half // 100, 1), seed=1, responses=False)
            cache = ProjectCache(root, today=lambda: dt.date(2026, 1, 1))
            objects = len(cache.project().objects)
            times = []
            for _ in range(runs):
                cache._diagnostics = None  # the rules only: the files are read already
                start = time.perf_counter()
                cache.diagnostics()
                times.append((time.perf_counter() - start) * 1000)
            cache._diagnostics = None
            profile = cProfile.Profile()
            profile.runcall(cache.diagnostics)
            calls = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
            found.append((objects, statistics.median(times), calls / objects))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recommendations", type=int, default=5000)
    parser.add_argument("--measures", type=int, default=5000)
    parser.add_argument("--principles", type=int, default=50, help="files of recommendations (default: 50)")
    parser.add_argument("--axes", type=int, default=50, help="files of measures (default: 50)")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp).resolve()
        generate_project(root, args.recommendations, args.measures, args.principles, args.axes, seed=1, responses=False)
        (root / "pyproject.toml").write_text("[tool.civitrace]\n", encoding="utf-8")
        results = asyncio.run(bench(root, args.runs))
    objects = args.recommendations + args.measures + args.principles + args.axes
    print(
        f"civitrace lsp: {objects} objects, {args.principles + args.axes} files "
        f"(~{args.measures // max(args.axes, 1)} measures a file); milliseconds, median and worst of {args.runs}:"
    )
    for name, times in results.items():
        print(f"  {name:<62} median {statistics.median(times):7.1f}   worst {max(times):7.1f}")
    print(f"(goal: requests within {GOAL_MS:.0f} ms after the first read)")
    print("The rules on the merged model (re-run after each change), by size (median of 3):")
    for objects, ms, calls in rules_scaling():
        print(f"  {objects:>6} objects: {ms:7.1f} ms, {calls:5.1f} function calls per object")
    return 0


if __name__ == "__main__":
    sys.exit(main())
