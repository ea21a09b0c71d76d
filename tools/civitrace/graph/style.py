"""The visual encoding of the diagram, as data.

Every state is carried twice: by a colour *and* by a second channel that
survives black-and-white printing and colour blindness — the border (style,
thickness, doubling) and a label written in the node. Colours are
light tints of the Okabe–Ito palette (distinguishable with the common colour
vision deficiencies), with dark text on them; borders use the full colour.

The legend is generated from these tables, so it cannot drift from the nodes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_, _
from ..vocabulary import DECISION_LABELS, KINDS, LATE_LABEL, STATUS_LABELS, UNCOVERED_LABEL
from .build import BREACH, COMPLIANT, INACTIVE, LATE, NO_RESPONSE, REVIEW_DUE, UNCOVERED

#: One font for everything; graphviz maps Helvetica to Arial/Liberation Sans/Nimbus Sans.
FONT = "Helvetica"
#: Sizes in points before any scaling. Nothing is drawn smaller than MIN_FONT_SIZE,
#: so "the smallest text once scaled to the page" is MIN_FONT_SIZE × scale.
FONT_SIZE = 10.0
MIN_FONT_SIZE = FONT_SIZE
#: Characters per line of a wrapped title: a few words.
WRAP_WIDTH = 32
TEXT_COLOUR = "#1a1a1a"
EDGE_COLOUR = "#333333"
GROUP_EDGE_COLOUR = "#9a9a9a"


@dataclass(frozen=True)
class NodeStyle:
    """How one state looks: fill, border colour, border style and thickness, doubled border, label."""

    fill: str
    border: str
    line: str  # "solid", "dashed", "dotted" — the channel that survives printing
    penwidth: float
    label_id: str  # message ID of the label written in the node and in the legend
    description_id: str  # message ID of how the border looks, for the legend
    double: bool = False  # a second border (graphviz ``peripheries``)
    alarm: bool = False  # drawn so that it stands out: bold, warning sign
    text: str = TEXT_COLOUR

    @property
    def label(self) -> str:
        """The state's label in the current language."""
        return _(self.label_id)

    @property
    def description(self) -> str:
        """How the border looks, in the current language."""
        return _(self.description_id)


# Okabe–Ito: sky blue #56B4E9, bluish green #009E73, orange #E69F00, vermillion #D55E00,
# blue #0072B2, reddish purple #CC79A7, grey. Fills are light tints of them.
STATUS_STYLES: dict[str, NodeStyle] = {
    "planned": NodeStyle("#ffffff", "#555555", "dashed", 1.4, STATUS_LABELS.msgid("planned"), N_("dashes")),
    "in-progress": NodeStyle("#d6ebf8", "#0072b2", "solid", 1.4, STATUS_LABELS.msgid("in-progress"), N_("solid line")),
    "done": NodeStyle("#cdeee1", "#00785a", "solid", 3.0, STATUS_LABELS.msgid("done"), N_("thick line")),
    LATE: NodeStyle("#fbe2b0", "#a86400", "solid", 2.0, LATE_LABEL, N_("double line"), double=True, alarm=True),
    "abandoned": NodeStyle("#e4e4e4", "#777777", "dotted", 1.6, STATUS_LABELS.msgid("abandoned"), N_("dots")),
}
#: Measure states in legend order.
STATUS_ORDER = ("planned", "in-progress", "done", LATE, "abandoned")

DECISION_STYLES: dict[str, NodeStyle] = {
    "adopted": NodeStyle("#cdeee1", "#00785a", "solid", 2.0, DECISION_LABELS.msgid("adopted"), N_("solid line")),
    "partial": NodeStyle("#d6ebf8", "#0072b2", "dashed", 1.6, DECISION_LABELS.msgid("partial"), N_("dashes")),
    "deferred": NodeStyle("#f2dcea", "#a0507f", "dashed", 3.0, DECISION_LABELS.msgid("deferred"), N_("thick dashes")),
    "declined": NodeStyle("#e4e4e4", "#777777", "dotted", 1.6, DECISION_LABELS.msgid("declined"), N_("dots")),
    NO_RESPONSE: NodeStyle("#ffffff", "#555555", "solid", 1.0, N_("no published response"), N_("thin line")),
    UNCOVERED: NodeStyle(
        "#f9d3bf", "#c24f00", "solid", 3.0, UNCOVERED_LABEL, N_("thick double line"), double=True, alarm=True
    ),
}
#: Recommendation states in legend order.
DECISION_ORDER = ("adopted", "partial", "deferred", "declined", NO_RESPONSE, UNCOVERED)

#: AI systems by the doctrine's verdict (the labels are French, like the rest of the diagram).
SYSTEM_STYLES: dict[str, NodeStyle] = {
    COMPLIANT: NodeStyle("#cdeee1", "#00785a", "solid", 2.0, N_("compliant"), N_("solid line")),
    REVIEW_DUE: NodeStyle("#fbe2b0", "#a86400", "dashed", 2.0, N_("review overdue"), N_("double dashes"), double=True),
    BREACH: NodeStyle(
        "#f9d3bf", "#c24f00", "solid", 3.0, N_("not compliant"), N_("thick double line"), double=True, alarm=True
    ),
    INACTIVE: NodeStyle("#e4e4e4", "#777777", "dotted", 1.6, N_("out of service"), N_("dots")),
}
#: AI system states in legend order.
SYSTEM_ORDER = (COMPLIANT, REVIEW_DUE, BREACH, INACTIVE)

#: Objects that structure the texts rather than carry a state.
PRINCIPLE_STYLE = NodeStyle("#3d4a63", "#3d4a63", "solid", 1.0, N_("principle"), N_("dark background"), text="#ffffff")
AXIS_STYLE = NodeStyle("#4a3d63", "#4a3d63", "solid", 1.0, N_("axis"), N_("dark background"), text="#ffffff")
INDICATOR_STYLE = NodeStyle("#ffffff", "#555555", "solid", 1.0, N_("indicator"), N_("folded corner"))
#: Overview nodes hold coloured tally cells, so they stay white; a principle with
#: uncovered recommendations gets the alarm border.
GROUP_STYLE = NodeStyle("#ffffff", "#3d4a63", "solid", 1.6, N_("group"), N_("solid line"))
GROUP_ALARM_STYLE = NodeStyle(
    "#ffffff", "#c24f00", "solid", 3.0, UNCOVERED_LABEL, N_("thick double line"), double=True, alarm=True
)

#: Graphviz shapes by kind; recommendations are rounded, measures square, indicators notes.
SHAPES = {
    "principle": "box",
    "recommendation": "box",
    "measure": "box",
    "axis": "box",
    "indicator": "note",
    "ai-system": "component",
}
ROUNDED_KINDS = frozenset({"recommendation"})

#: Edges by relation: (colour, style, penwidth, arrowhead).
EDGE_STYLES: dict[str, tuple[str, str, float, str]] = {
    "responds": (EDGE_COLOUR, "solid", 1.3, "normal"),
    "indicator": (EDGE_COLOUR, "dashed", 1.0, "normal"),
    "carries": (EDGE_COLOUR, "solid", 1.0, "empty"),
    "principle": (GROUP_EDGE_COLOUR, "solid", 1.0, "none"),
    "axis": (GROUP_EDGE_COLOUR, "solid", 1.0, "none"),
}

#: Cluster backgrounds: the opinion side and the strategy side, told apart by a light tint and a label.
CLUSTER_FILL = {"principle": "#f3f5fa", "axis": "#f7f4fa"}
ALARM_SIGN = "⚠"


def node_style(attrs: dict[str, object]) -> NodeStyle:
    """The style of a node from its attributes (see :mod:`.build`)."""
    kind = attrs.get("kind")
    if attrs.get("overview"):
        return GROUP_ALARM_STYLE if attrs.get("state") == UNCOVERED else GROUP_STYLE
    if kind == "recommendation":
        return DECISION_STYLES.get(str(attrs.get("state")), DECISION_STYLES[NO_RESPONSE])
    if kind == "measure":
        return STATUS_STYLES.get(str(attrs.get("state")), STATUS_STYLES["planned"])
    if kind == "ai-system":
        return SYSTEM_STYLES.get(str(attrs.get("state")), SYSTEM_STYLES[INACTIVE])
    if kind == "principle":
        return PRINCIPLE_STYLE
    if kind == "axis":
        return AXIS_STYLE
    return INDICATOR_STYLE


def badge(attrs: dict[str, object]) -> str:
    """The state label written in a node, e.g. ``en cours`` or ``⚠ NON COUVERTE``."""
    kind = attrs.get("kind")
    style = node_style(attrs)
    if kind == "measure":
        status = attrs.get("status")
        text = style.label
        # A measure whose status says one thing and whose date another shows both.
        if attrs.get("state") == LATE and status not in (None, "delayed"):
            text = f"{STATUS_LABELS.get(str(status), str(status))} · {_(LATE_LABEL)}"
        return f"{ALARM_SIGN} {text}" if style.alarm else text
    if kind == "recommendation":
        if attrs.get("state") == UNCOVERED:
            return f"{ALARM_SIGN} {_(UNCOVERED_LABEL).upper()}"
        return style.label
    if kind == "ai-system":
        status = attrs.get("status")
        spec = KINDS["ai-system"].options["status"]
        text = f"{_(spec.labels[status])} · {style.label}" if status in spec.labels else style.label
        return f"{ALARM_SIGN} {text}" if style.alarm else text
    return ""


def graphviz_style(style: NodeStyle, kind: str) -> str:
    """The graphviz ``style`` attribute: fill, line and corners."""
    parts = ["filled", style.line]
    if kind in ROUNDED_KINDS:
        parts.append("rounded")
    return ",".join(parts)
