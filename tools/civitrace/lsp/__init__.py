"""``civitrace lsp``: a Language Server Protocol server, so editors know the strategy as authors type.

The server (``server.py``, on pygls) keeps a :class:`~civitrace.project_cache.ProjectCache`
per project and presents it: diagnostics, completion, hover, definition, references, rename
and quick fixes. The modules beside it hold what each feature answers, from the model,
the rules and the vocabulary; only ``server.py`` speaks the protocol's transport.
"""
