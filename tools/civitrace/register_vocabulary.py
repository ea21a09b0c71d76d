"""The words of the AI register: the values of its options, the statuses the doctrine reads, page labels.

Data, like :mod:`.vocabulary` (which builds the three register kinds from it).
Labels are English message IDs, marked with ``N_`` and translated where they
are shown.
"""

from __future__ import annotations

from .i18n import N_

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
