"""The fast reader and the Sphinx extension read the same objects from the same files."""

from __future__ import annotations

import pytest

from civitrace.reader import load_excludes, markdown_files, read_project
from helpers import write_project
from sphinx_helpers import CONF, build

pytestmark = pytest.mark.sphinx

#: Every way of writing a directive the readers must agree on.
SHAPES = {
    "conf.py": CONF,
    "index.md": """
        # Formes

        ```{toctree}
        formes
        ```
        """,
    "formes.md": """
        ---
        author: Service numérique
        ---

        # Formes d'écriture

        :::{principle} P-1 Deux-points
        Corps du principe.
        :::

        ```{recommendation} R-01 Accents graves, options en YAML
        ---
        principle: P-1
        vote: 4
        ---
        Corps avec **gras** et une liste :

        - un
        - deux
        ```

        ~~~{recommendation} R-02 Tildes
        :principle: P-1
        ~~~

        ::::{note}
        Un encadré qui contient une mesure.

        :::{measure} M-01 Mesure dans un encadré
        :responds: R-01, R-02
        :status: planned
        :::
        ::::

        :::::{measure} M-02 Mesure qui contient un indicateur
        :responds: R-01

        Texte de la mesure.

        ::::{indicator} I-1 Indicateur imbriqué
        :measure: M-02
        :target: 10
        :::::

        ````{response} R-01
        :decision: adopted

        Justification avec un bloc de code :

        ```python
        print("pas une directive")
        ```
        ````

        :::{response} R-02
        :decision: partial
        :::

        :::{recommendation}   R-03    Espaces   en trop
        :principle: P-1
        :colour: bleu
        :::

        :::{measure}
        :status: done
        :::
        """,
}


def fast_signatures(root) -> set[tuple]:
    return {obj.signature() for obj in read_project(root).objects}


def test_readers_agree_on_every_shape(tmp_path):
    src = write_project(tmp_path / "src", SHAPES)
    result = build(src, tmp_path / "html")
    fast = fast_signatures(src)
    assert len(fast) == 9  # the object without an ID is not an object for either reader
    assert result.signatures() == fast


def test_nested_objects_keep_the_line_of_their_own_fence(tmp_path):
    src = write_project(tmp_path / "src", SHAPES)
    lines = (src / "formes.md").read_text(encoding="utf-8").splitlines()
    project = build(src, tmp_path / "html").app.env.domains["civitrace"].project()
    for obj in project.objects:
        opening = lines[obj.location.line - 1]
        assert "{" + obj.kind + "}" in opening and obj.id in opening, (obj.key, opening)


def test_readers_agree_on_the_example_corpus(example_site, repo_root):
    traced = set(markdown_files(repo_root, load_excludes(repo_root)))
    # The site also holds the authors' guide, which civitrace check does not trace.
    sphinx = {signature for signature in example_site.signatures() if signature[3] in traced}
    fast = fast_signatures(repo_root)
    assert len(fast) > 50
    assert sphinx == fast
