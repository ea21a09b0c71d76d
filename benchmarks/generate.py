"""Generate synthetic civitrace projects of any size, for benchmarks and scale tests.

The projects look like a real convention: French titles of realistic length,
recommendations grouped under principles, measures under axes, most
recommendations answered by one to three measures (mostly of the same
principle), a few declined or deferred with a justification, a few left
uncovered, and a spread of statuses and dates. The same arguments and seed
always write the same files.

Usage as a script::

    python benchmarks/generate.py OUT_DIR --recommendations 150 --measures 200 --principles 8 --axes 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

_VERBS = (
    "Développer",
    "Généraliser",
    "Évaluer",
    "Rénover",
    "Soutenir",
    "Former",
    "Financer",
    "Encadrer",
    "Publier",
    "Réduire",
    "Protéger",
    "Garantir",
    "Accompagner",
    "Limiter",
    "Interdire progressivement",
    "Rendre obligatoire",
    "Mesurer",
    "Ouvrir",
)
_OBJECTS = (
    "la rénovation thermique des logements",
    "les transports en commun du quotidien",
    "l'usage des algorithmes dans les services publics",
    "les données personnelles des habitants",
    "la sobriété énergétique des centres de données",
    "les circuits courts dans la restauration collective",
    "l'information des usagers",
    "les compétences numériques des agents",
    "le contrôle humain des décisions automatisées",
    "les achats publics responsables",
    "la participation des habitants",
    "la mobilité douce",
    "les logiciels libres",
    "l'accès au service public sans écran",
    "la réparation des équipements",
    "les registres publics des traitements",
)
_COMPLEMENTS = (
    "",
    "d'ici 2030",
    "dans chaque commune",
    "avec les associations locales",
    "pour les publics éloignés du numérique",
    "en concertation avec les habitants",
    "avant tout nouveau déploiement",
    "chaque année",
    "sur l'ensemble du territoire",
)
_THEMES = (
    "Se nourrir",
    "Se loger",
    "Se déplacer",
    "Consommer",
    "Produire et travailler",
    "Utilité des services",
    "Protection des données",
    "Transparence",
    "Place de l'humain",
    "Souveraineté",
    "Sobriété",
    "Formation",
    "Éthique",
)
_AXES = ("Transparence", "Contrôle", "Confiance", "Maîtrise", "Sobriété", "Inclusion", "Ouverture", "Achats")
_OWNERS = ("Pôle Numérique et Données", "Direction de la communication", "Direction des achats", "DRH", "DSI")
_STATUSES = (
    ("planned", 25),
    ("in-progress", 40),
    ("done", 20),
    ("delayed", 10),
    ("abandoned", 5),
)


@dataclass
class Generated:
    """What :func:`generate_project` wrote: counts by kind and the files."""

    counts: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    @property
    def objects(self) -> int:
        return sum(self.counts.values())


def _title(rng: random.Random) -> str:
    # Half the titles have no complement: that gives about 55 characters on average, like the example.
    complement = rng.choice(_COMPLEMENTS) if rng.random() < 0.5 else ""
    parts = [rng.choice(_VERBS), rng.choice(_OBJECTS), complement]
    return " ".join(p for p in parts if p)


def _body(rng: random.Random) -> str:
    return (
        f"{_title(rng)}. Le texte complet est rédigé par la convention ; il précise le public visé, "
        "le calendrier et les moyens attendus."
    )


def _width(count: int) -> int:
    return max(2, len(str(count)))


def generate_project(
    root: Path | str,
    recommendations: int,
    measures: int,
    principles: int,
    axes: int,
    seed: int = 0,
    indicators: int = 0,
    responses: bool = True,
    uncovered: float = 0.03,
) -> Generated:
    """Write a synthetic project under ``root`` (``opinion/`` and ``strategy/``); return what was written.

    ``uncovered`` is the share of recommendations left with neither measure nor
    covering response, so that diagrams and checks have something to show.
    """
    rng = random.Random(seed)
    root = Path(root)
    (root / "opinion").mkdir(parents=True, exist_ok=True)
    (root / "strategy").mkdir(parents=True, exist_ok=True)
    out = Generated(counts={"principle": principles, "recommendation": recommendations, "axis": axes})

    pw, rw, aw, mw = (_width(n) for n in (principles, recommendations, axes, measures))
    principle_ids = [f"P-{i + 1:0{pw}d}" for i in range(principles)]
    rec_ids = [f"R-{i + 1:0{rw}d}" for i in range(recommendations)]
    axis_ids = [f"AXE-{i + 1:0{aw}d}" for i in range(axes)]
    measure_ids = [f"M-{i + 1:0{mw}d}" for i in range(measures)]
    # Recommendations are spread evenly over principles, in order, like chapters of an opinion.
    rec_principle = {rid: principle_ids[i * principles // max(recommendations, 1)] for i, rid in enumerate(rec_ids)}
    recs_by_principle: dict[str, list[str]] = {p: [] for p in principle_ids}
    for rid, pid in rec_principle.items():
        recs_by_principle[pid].append(rid)

    # Decide which recommendations stay uncovered, which are declined/deferred, which get measures.
    shuffled = rec_ids[:]
    rng.shuffle(shuffled)
    n_uncovered = round(recommendations * uncovered)
    n_refused = round(recommendations * 0.06) if responses else 0
    uncovered_ids = set(shuffled[:n_uncovered])
    refused_ids = set(shuffled[n_uncovered : n_uncovered + n_refused])
    answerable = [r for r in rec_ids if r not in uncovered_ids and r not in refused_ids]

    # Each answerable recommendation gets at least one measure when there are enough measures.
    responds: dict[str, list[str]] = {m: [] for m in measure_ids}
    if answerable:
        for i, mid in enumerate(measure_ids):
            if i < len(answerable):
                first = answerable[i]
            else:
                first = rng.choice(answerable)
            targets = [first]
            extra = rng.choices((0, 1, 2), weights=(70, 25, 5))[0]
            neighbours = [r for r in recs_by_principle[rec_principle[first]] if r in answerable and r != first]
            for _ in range(extra):
                pool = neighbours if neighbours and rng.random() < 0.8 else answerable
                pick = rng.choice(pool)
                if pick not in targets:
                    targets.append(pick)
            responds[mid] = targets
    measure_axis = {mid: axis_ids[rng.randrange(axes)] for mid in measure_ids} if axes else {}

    for index, pid in enumerate(principle_ids):
        lines = [f"# {_THEMES[index % len(_THEMES)]}", ""]
        lines += [f":::{{principle}} {pid} {_THEMES[index % len(_THEMES)]}", "", _body(rng), ":::", ""]
        for rid in recs_by_principle[pid]:
            lines += [f":::{{recommendation}} {rid} {_title(rng)}", f":principle: {pid}"]
            lines += [f":vote: {rng.randint(2, 5)}", "", _body(rng), ":::", ""]
        path = root / "opinion" / f"{index + 1:0{pw}d}-principe.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        out.files.append(path)

    by_axis: dict[str, list[str]] = {a: [] for a in axis_ids}
    for mid in measure_ids:
        if axes:
            by_axis[measure_axis[mid]].append(mid)
    indicator_of = [measure_ids[i % len(measure_ids)] for i in range(indicators)] if measure_ids else []
    indicators_by_measure: dict[str, list[str]] = {}
    iw = _width(indicators)
    for i, mid in enumerate(indicator_of):
        indicators_by_measure.setdefault(mid, []).append(f"I-{i + 1:0{iw}d}")
    statuses, weights = zip(*_STATUSES, strict=True)
    base = dt.date(2025, 1, 1)
    for index, aid in enumerate(axis_ids):
        lines = [f"# Axe {_AXES[index % len(_AXES)]}", ""]
        lines += [f":::{{axis}} {aid} {_AXES[index % len(_AXES)]}", "", _body(rng), ":::", ""]
        for mid in by_axis[aid]:
            status = rng.choices(statuses, weights=weights)[0]
            start = base + dt.timedelta(days=rng.randrange(0, 700))
            due = start + dt.timedelta(days=rng.randrange(180, 1400))
            progress = {"done": 100, "planned": 0}.get(status, rng.randrange(5, 95))
            lines += [f":::{{measure}} {mid} {_title(rng)}"]
            if responds[mid]:
                lines.append(f":responds: {', '.join(responds[mid])}")
            lines += [f":axis: {aid}", f":owner: {rng.choice(_OWNERS)}", f":status: {status}"]
            lines += [f":start: {start.isoformat()}", f":due: {due.isoformat()}", f":progress: {progress}"]
            lines += ["", _body(rng), ":::", ""]
            for iid in indicators_by_measure.get(mid, []):
                lines += [f":::{{indicator}} {iid} {_title(rng)}", f":measure: {mid}", ":target: 100 %"]
                lines += [":unit: %", "", _body(rng), ":::", ""]
        path = root / "strategy" / f"{index + 1:0{aw}d}-axe.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        out.files.append(path)
    out.counts["measure"] = measures
    out.counts["indicator"] = indicators

    n_responses = 0
    if responses:
        lines = ["# Réponses", ""]
        for rid in rec_ids:
            if rid in uncovered_ids:
                continue
            if rid in refused_ids:
                decision = rng.choice(("declined", "deferred"))
            else:
                decision = rng.choices(("adopted", "partial"), weights=(80, 20))[0]
            lines += [f":::{{response}} {rid}", f":decision: {decision}", "", _body(rng), ":::", ""]
            n_responses += 1
        path = root / "strategy" / "reponses.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        out.files.append(path)
    out.counts["response"] = n_responses
    return out


def main() -> None:
    """Command-line entry point: write a project to a folder."""
    parser = argparse.ArgumentParser(description="Write a synthetic civitrace project.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--recommendations", type=int, default=150)
    parser.add_argument("--measures", type=int, default=200)
    parser.add_argument("--principles", type=int, default=8)
    parser.add_argument("--axes", type=int, default=5)
    parser.add_argument("--indicators", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    done = generate_project(
        args.root,
        args.recommendations,
        args.measures,
        args.principles,
        args.axes,
        seed=args.seed,
        indicators=args.indicators,
    )
    print(f"{done.objects} objects written under {args.root}: {done.counts}")


if __name__ == "__main__":
    main()
