"""Small Markdown files that put traced directives in every context MyST knows, for the differential test.

Each file is a recommendation that is covered (so coverage rules stay quiet)
and one snippet placed into one context (list item, quote, container, literal
block, footnote, front matter, nesting, odd whitespace…). IDs carry the file's
number, so files never clash.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

Context = Callable[[str], str]


def _indent(text: str, prefix: str, first: str | None = None) -> str:
    lines = text.split("\n")
    head = (first if first is not None else prefix) + lines[0]
    return "\n".join([head, *[(prefix + line) if line else line for line in lines[1:]]])


def _fence(name: str, marker: str = "```", argument: str = "") -> Context:
    return lambda s: f"{marker}{{{name}}}{(' ' + argument) if argument else ''}\n{s}\n{marker}"


#: Front matter that turns on MyST's html_admonition for one file.
HTML_ADMONITION = "---\nmyst:\n  enable_extensions: [colon_fence, html_admonition]\n---\n"

#: Where a snippet goes.
CONTEXTS: dict[str, Context] = {
    "top": lambda s: s,
    "after-paragraph": lambda s: "Un paragraphe juste avant.\n" + s,
    "bullet-marker-line": lambda s: _indent(s, "  ", "- "),
    "bullet-second-item": lambda s: "- premier\n" + _indent(s, "  ", "- "),
    "bullet-content": lambda s: "- texte\n\n" + _indent(s, "  "),
    "bullet-content-4": lambda s: "-   texte\n\n" + _indent(s, "    "),
    "ordered": lambda s: "1. texte\n\n" + _indent(s, "   "),
    "ordered-marker-line": lambda s: _indent(s, "   ", "1. "),
    "nested-list": lambda s: "- un\n  - deux\n\n" + _indent(s, "    "),
    "quote": lambda s: _indent(s, "> "),
    "quote-lazy": lambda s: _indent(s, ">"),
    "quote-in-list": lambda s: "- point\n\n" + _indent(s, "  > "),
    "container": lambda s: f"::::\n{s}\n::::",
    "named-container": lambda s: f"::::encart\n{s}\n::::",
    "note": _fence("note", "::::"),
    "note-backticks": _fence("note", "````"),
    "admonition-titled": _fence("admonition", "::::", "Un titre"),
    "admonition-failing": _fence("admonition", "::::"),
    "topic": _fence("topic", "::::", "Sujet"),
    "code-block": _fence("code-block", "````", "markdown"),
    "eval-rst": lambda s: "````{eval-rst}\n" + s + "\n````",
    "plain-code": lambda s: f"````markdown\n{s}\n````",
    "raw": _fence("raw", "````", "html"),
    "math": _fence("math", "````"),
    "csv-table": _fence("csv-table", "````"),
    "unknown-directive": _fence("tab-set", "::::"),
    "indented-code": lambda s: "Texte.\n\n" + _indent(s, "    "),
    "footnote": lambda s: "Voir la note[^n].\n\n" + _indent(s, "    ", "[^n]: Une note.\n\n    "),
    "footnote-unreferenced": lambda s: _indent(s, "    ", "[^z]: Note.\n\n    "),
    "html-block": lambda s: "<div>\n\n" + s + "\n\n</div>",
    "html-block-glued": lambda s: "<div>\n" + s + "\n</div>",
    "front-matter": lambda s: "---\ntitle: Essai\n---\n" + s,
    "front-matter-no-colon-fence": lambda s: "---\nmyst:\n  enable_extensions: []\n---\n" + s,
    "front-matter-deflist": lambda s: (
        "---\nmyst:\n  enable_extensions: [colon_fence, deflist]\n---\nTerme\n: " + _indent(s, "  ", "")
    ),
    "recommendation-body": lambda s: "::::{recommendation} RB-{n} Conteneur\n" + s + "\n::::",
    "recommendation-body-after-text": lambda s: "::::{recommendation} RB-{n} Conteneur\nTexte.\n\n" + s + "\n::::",
    "deep-nesting": lambda s: "::::::{note}\n:::::{note}\n::::{note}\n" + s + "\n::::\n:::::\n::::::",
    # MyST's html_admonition: a <div class="admonition"> block is an admonition whose text is Markdown
    "html-admonition": lambda s: (
        HTML_ADMONITION + '<div class="admonition note">\n<p class="title">Titre</p>\n' + s + "\n</div>"
    ),
    "html-admonition-untitled": lambda s: HTML_ADMONITION + '<div class="admonition">\n' + s + "\n</div>",
    "html-admonition-blank-lines": lambda s: HTML_ADMONITION + '<div class="admonition">\n\n' + s + "\n\n</div>",
    "html-admonition-in-list": lambda s: (
        HTML_ADMONITION + "- point\n\n" + _indent('<div class="admonition tip">\n' + s + "\n</div>", "  ")
    ),
    # the same without front matter: raw HTML, unless conf.py's myst_enable_extensions has html_admonition
    "html-admonition-conf": lambda s: '<div class="admonition warning">\n' + s + "\n</div>",
    "html-admonition-mixed": lambda s: HTML_ADMONITION + '<div class="admonition">\n' + s + "\n</div>\n<p>x</p>",
    # directives of Sphinx extensions: read as Markdown when conf.py loads the extension, unknown otherwise
    "todo": _fence("todo", "::::"),
    "ifconfig": _fence("ifconfig", "::::", "language == 'fr'"),
    "dropdown": _fence("dropdown", "::::", "Déplier"),
    "tab-item": lambda s: ":::::{tab-set}\n::::{tab-item} Onglet\n" + s + "\n::::\n:::::",
    "grid-item-card": lambda s: ":::::{grid} 2\n::::{grid-item-card} Carte\n" + s + "\n::::\n:::::",
    "graphviz": _fence("graphviz", "````"),
    "crlf": lambda s: s.replace("\n", "\r\n"),
    "cr": lambda s: s.replace("\n", "\r"),
    "tab-indent": lambda s: _indent(s, "\t", "- "),
    "trailing-blank": lambda s: s + "\n\n\n",
    "eof-no-newline": lambda s: s.rstrip("\n"),
}

#: What goes in: traced directives written well and badly.
SNIPPETS: dict[str, str] = {
    "measure": ":::{measure} M-{n} Mesure\n:responds: R-{n}\n:status: planned\n:::",
    "measure-body": ":::{measure} M-{n} Mesure\n:responds: R-{n}\n\nCorps de la mesure.\n:::",
    "backticks": "```{measure} M-{n} Mesure\n:responds: R-{n}\n```",
    "tildes": "~~~{measure} M-{n} Mesure\n:responds: R-{n}\n~~~",
    "yaml-options": "```{measure} M-{n} Mesure\n---\nresponds: R-{n}\nstatus: done\n---\nCorps.\n```",
    "upper-case": ":::{Measure} M-{n} Casse\n:responds: R-{n}\n:::",
    "glued": ":::{measure}M-{n} Collé\n:responds: R-{n}\n:::",
    "misspelt": ":::{mesure} M-{n} Faute\n:responds: R-{n}\n:::",
    "empty-name": ":::{} M-{n} Rien\n:::",
    "syntax-no-space": ":::{measure} M-{n} Syntaxe\n:responds: R-{n}\n:status:done\n:::",
    "syntax-comment": ":::{measure} M-{n} Commentaire\n:responds: R-{n} # c\n:::",
    "repeated-key": ":::{measure} M-{n} Répétée\n:responds: R-{n}\n:responds: R-X{n}\n:::",
    "unclosed": ":::{measure} M-{n} Jamais fermée\n:responds: R-{n}",
    "nested-first-line": "::::{measure} M-{n} Parent\n:::{indicator} I-{n} Enfant\n:measure: M-{n}\n:::\n::::",
    "nested-after-options": (
        "::::{measure} M-{n} Parent\n:responds: R-{n}\n\n:::{indicator} I-{n} Enfant\n:measure: M-{n}\n:::\n::::"
    ),
    "nbsp-option": ":::{measure} M-{n} Espace insécable\n\u00a0:responds: R-{n}\n:::",
    "line-separator": ":::{measure} M-{n} Séparateur\n:responds: R-{n}\n\nun\u2028deux\u2029trois\x85quatre\x0cfin\n:::",
    "invalid-id": ":::{measure} 9-{n} Mauvais identifiant\n:::",
    "bad-value": ":::{measure} M-{n} Valeur\n:responds: R-{n}\n:progress: 150\n:::",
    "option-in-body": ":::{measure} M-{n} Options perdues\n\n:responds: R-{n}\n:::",
    "response": ":::{response} R-{n}\n:decision: declined\n\nParce que.\n:::",
    "rst": ".. measure:: M-{n} En rST\n   :responds: R-{n}\n\n   Corps.\n\n   .. indicator:: I-{n} Dedans\n      :measure: M-{n}",
    "nul-byte": ":::{measure} M-{n} Octet\x00nul\n:responds: R-{n}\n:::",
}


def corpus(limit: int | None = None) -> Iterator[tuple[str, str]]:
    """``(file name, text)`` of every context × snippet, numbered from 1."""
    pairs = itertools.product(sorted(CONTEXTS), sorted(SNIPPETS))
    for n, (context, snippet) in enumerate(pairs, start=1):
        if limit is not None and n > limit:
            return
        body = CONTEXTS[context](SNIPPETS[snippet]).replace("{n}", str(n))
        text = (
            f"# {context} / {snippet}\n\n"
            f":::{{recommendation}} R-{n} Recommandation {n}\n:::\n\n"
            f":::{{response}} R-{n}\n:decision: deferred\n\nPlus tard.\n:::\n\n"
            f"{body}\n\nFin du fichier.\n"
        )
        if body.startswith("---\n"):  # front matter belongs at the top of the file
            matter, _, rest = body[4:].partition("\n---\n")
            text = f"---\n{matter}\n---\n" + text.replace(body, rest)
        if context == "eof-no-newline":
            text = text.removesuffix("\n\nFin du fichier.\n")
        if snippet == "response":
            text = text.replace(f":::{{response}} R-{n}\n:decision: deferred\n\nPlus tard.\n:::\n\n", "", 1)
        yield f"f{n:04d}-{context}-{snippet}.md", text
