"""The words of the AI register: the values of its options, the statuses the doctrine reads, page labels.

Data, like :mod:`.vocabulary` (which builds the three register kinds from it).
Labels are English message IDs, marked with ``N_`` and translated where they
are shown.
"""

from __future__ import annotations

from .i18n import N_
from .specs import KindSpec, ValueType
from .specs import option as _opt

SYSTEM_STATUS_LABELS: dict[str, str] = {
    "planned": N_("in preparation"),
    "pilot": N_("in trial"),
    "service": N_("in service"),
    "suspended": N_("suspended"),
    "retired": N_("retired"),
    "rejected": N_("refused"),
}
AUTOMATION_LABELS: dict[str, str] = {"assisted": N_("decision aid"), "automated": N_("automated decision")}
USE_LABELS: dict[str, str] = {
    "personal-data": N_("personal data"),
    "sensitive-data": N_("sensitive data"),
    "cameras": N_("cameras"),
    "biometric-identification": N_("biometric identification"),
    "public-space": N_("public space"),
    "generative": N_("generative AI"),
}
RESULT_LABELS: dict[str, str] = {
    "favourable": N_("favourable"),
    "conditional": N_("favourable with conditions"),
    "unfavourable": N_("unfavourable"),
}
RISK_LABELS: dict[str, str] = {
    "minimal": N_("minimal risk"),
    "limited": N_("limited risk"),
    "high": N_("high risk"),
    "unacceptable": N_("unacceptable risk"),
}
OUTCOME_LABELS: dict[str, str] = {"approved": N_("approved"), "rejected": N_("rejected"), "adjourned": N_("adjourned")}
TECHNIQUE_LABELS: dict[str, str] = {"rules": N_("explicit rules"), "machine-learning": N_("machine learning")}
YES_NO_LABELS: dict[str, str] = {"yes": N_("yes"), "no": N_("no")}

#: Statuses of a system that is (or was, while suspended) used: it needs its prior evaluation and debate.
DEPLOYED_STATUSES = frozenset({"pilot", "service", "suspended"})
#: Statuses of a system in use now: its evaluation must be favourable and up to date, its fields filled in.
ACTIVE_STATUSES = frozenset({"pilot", "service"})
#: The only statuses a system with a forbidden use may have.
STOPPED_STATUSES = frozenset({"rejected", "retired"})
#: Options a system in trial or in service must fill in.
ACTIVE_SYSTEM_REQUIRED = ("owner", "purpose", "automation", "data")
#: The option a diff names when an object of the register appears: a new system's status, a new result, an outcome.
ADDED_SUMMARY: dict[str, str] = {"ai-system": "status", "evaluation": "result", "deliberation": "outcome"}
#: Kinds whose public summary (the body) is required.
KINDS_NEEDING_SUMMARY = frozenset({"evaluation", "deliberation"})

#: Words of the register on the pages (English message IDs).
REGISTER_LABELS: dict[str, str] = {
    "evaluation_of": N_("Evaluation of"),
    "verdict": N_("Verdict of the doctrine"),
    "compliant": N_("complies with the doctrine"),
    "problem_no-prior-evaluation": N_("used without a prior evaluation"),
    "problem_unfavourable-evaluation": N_("used despite an unfavourable evaluation"),
    "problem_no-debate": N_("used without a prior democratic debate"),
    "problem_forbidden-use": N_("a use the doctrine forbids"),
    "problem_review-due": N_("new evaluation overdue"),
    "prior_evaluation": N_("Prior evaluation"),
    "result_on": N_("{result}, on {date}"),
    "not_evaluated": N_("not evaluated yet"),
    "none_before": N_("none before its deployment on {date}"),
    "none": N_("none"),
    "debate": N_("Democratic debate"),
    "not_required": N_("not required by the doctrine"),
    "required": N_("required ({uses})"),
    "outcome_on": N_("{outcome} on {date}"),
    "after_deployment": N_("(after deployment)"),
    "no_deliberation": N_("no approved deliberation"),
    "no_deliberation_at_all": N_("no deliberation"),
    "forbidden": N_("Use forbidden by the doctrine"),
    "next_review": N_("Next review"),
    "overdue_on": N_("overdue on {date}"),
    "evaluations": N_("Evaluations"),
    "no_evaluation": N_("no evaluation"),
    "deliberations": N_("Deliberations"),
    "carried_systems": N_("AI systems it carries"),
    "evaluated_share": N_("Evaluated before deployment: {count} of {total} deployed systems ({percent})"),
    "reviews_due": N_("New evaluations overdue on {date}: {count}"),
    "by_status": N_("AI systems by status"),
    "status": N_("Status of the system"),
    "systems": N_("Systems"),
    "system": N_("AI system"),
    "owner": N_("Responsible service"),
    "automation": N_("Level of automation"),
    "uses": N_("Uses"),
    "latest_evaluation": N_("Latest evaluation"),
    "deliberation": N_("Deliberation"),
    "register_title": N_("Public register of the AI systems"),
    "no_system": N_("No AI system is in the register yet."),
    "download_inventory_csv": N_("The public inventory of algorithms, from the AI register (CSV)"),
    "download_inventory_json": N_("The public inventory of algorithms, from the AI register (JSON)"),
    "download_inventory_schema": N_("The JSON Schema of the inventory"),
}


#: The three kinds of the register, added to :data:`civitrace.vocabulary.KINDS`.
REGISTER_KINDS: tuple[KindSpec, ...] = (
    KindSpec(
        "ai-system",
        N_("AI system"),
        N_("AI systems"),
        "strategy",
        dict(
            [
                _opt("owner", ValueType.TEXT, N_("Responsible service")),
                _opt("contact", ValueType.TEXT, N_("Contact")),
                _opt("purpose", ValueType.TEXT, N_("Purpose")),
                _opt(
                    "status",
                    ValueType.CHOICE,
                    N_("Status of the system"),
                    choices=tuple(SYSTEM_STATUS_LABELS),
                    labels=SYSTEM_STATUS_LABELS,
                    required=True,
                ),
                _opt("pilot", ValueType.DATE, N_("Start of the trial")),
                _opt("service", ValueType.DATE, N_("In service since")),
                _opt("end", ValueType.DATE, N_("End of use")),
                _opt(
                    "automation",
                    ValueType.CHOICE,
                    N_("Level of automation"),
                    choices=tuple(AUTOMATION_LABELS),
                    labels=AUTOMATION_LABELS,
                ),
                _opt("individual-decisions", ValueType.YES_NO, N_("Individual decisions"), labels=YES_NO_LABELS),
                _opt("legal-basis", ValueType.TEXT, N_("Legal basis")),
                _opt("data", ValueType.TEXT, N_("Data and their source")),
                _opt(
                    "technique",
                    ValueType.CHOICE,
                    N_("Kind of algorithm"),
                    choices=tuple(TECHNIQUE_LABELS),
                    labels=TECHNIQUE_LABELS,
                ),
                _opt("public", ValueType.TEXT, N_("Public concerned")),
                _opt("supplier", ValueType.TEXT, N_("Supplier")),
                _opt("decisions-per-year", ValueType.INTEGER, N_("Decisions per year"), minimum=0),
                _opt("uses", ValueType.CHOICES, N_("Uses"), choices=tuple(USE_LABELS), labels=USE_LABELS),
                _opt("measures", ValueType.IDS, N_("Carried by the measures"), targets=("measure",)),
                _opt("code", ValueType.URL, N_("Source code")),
            ]
        ),
    ),
    KindSpec(
        "evaluation",
        N_("evaluation"),
        N_("evaluations"),
        "strategy",
        dict(
            [
                _opt("date", ValueType.DATE, N_("Date of the evaluation"), required=True),
                _opt("by", ValueType.TEXT, N_("Evaluated by")),
                _opt(
                    "result",
                    ValueType.CHOICE,
                    N_("Opinion"),
                    choices=tuple(RESULT_LABELS),
                    labels=RESULT_LABELS,
                    required=True,
                ),
                _opt(
                    "risk",
                    ValueType.CHOICE,
                    N_("Risk level (AI Act)"),
                    choices=tuple(RISK_LABELS),
                    labels=RISK_LABELS,
                ),
                _opt("review", ValueType.DATE, N_("Next review")),
                _opt("report", ValueType.URL, N_("Evaluation report")),
            ]
        ),
        has_title=False,
        argument_target="ai-system",
        key_option="date",
    ),
    KindSpec(
        "deliberation",
        N_("deliberation"),
        N_("deliberations"),
        "strategy",
        dict(
            [
                _opt("body", ValueType.TEXT, N_("Assembly")),
                _opt("date", ValueType.DATE, N_("Date of the session"), required=True),
                _opt("systems", ValueType.IDS, N_("Systems concerned"), targets=("ai-system",), required=True),
                _opt(
                    "outcome",
                    ValueType.CHOICE,
                    N_("Outcome of the vote"),
                    choices=tuple(OUTCOME_LABELS),
                    labels=OUTCOME_LABELS,
                    required=True,
                ),
                _opt("act", ValueType.URL, N_("Published act")),
            ]
        ),
    ),
)
