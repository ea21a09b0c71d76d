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
YES_NO_LABELS: dict[str, str] = {"yes": N_("yes"), "no": N_("no")}

#: Statuses of a system that is (or was, while suspended) used: it needs its prior evaluation and debate.
DEPLOYED_STATUSES = frozenset({"pilot", "service", "suspended"})
#: Statuses of a system in use now: its evaluation must be favourable and up to date, its fields filled in.
ACTIVE_STATUSES = frozenset({"pilot", "service"})
#: The only statuses a system with a forbidden use may have.
STOPPED_STATUSES = frozenset({"rejected", "retired"})
#: Options a system in trial or in service must fill in.
ACTIVE_SYSTEM_REQUIRED = ("owner", "purpose", "automation", "data")
#: Kinds whose public summary (the body) is required.
KINDS_NEEDING_SUMMARY = frozenset({"evaluation", "deliberation"})

#: Words of the register on the pages (English message IDs).
REGISTER_LABELS: dict[str, str] = {
    "evaluation_of": N_("Evaluation of"),
}
