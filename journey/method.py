"""The method's default content: phases, stages, worksheet fields and their guiding questions.

The structure is Python (keys, order, field kinds); the texts, in Finnish and English, are in
`journey/texts/<language>.toml`, where translators edit them. A new workshop copies the template
in its own language; the prompts beside each field are shown in the workshop's language,
whatever the UI language (`workshops.language`). Written for Arvopolku from the ideas of the
method (see DOMAIN.md), not copied from the sources.
"""

from dataclasses import dataclass

from workshops.method_texts import MethodTexts

TEXTS = MethodTexts.of(__file__)

PHASE_KEYS = ("before", "purchase", "after")

# (phase, stage key): the method's twelve stages in order; names and guidance are in texts/.
DEFAULT_STAGES = (
    ("before", "need_arises"),
    ("before", "alternatives"),
    ("before", "choosing"),
    ("purchase", "finding_us"),
    ("purchase", "contact"),
    ("purchase", "doing_business"),
    ("purchase", "delivery_payment"),
    ("after", "deployment"),
    ("after", "maintenance"),
    ("after", "disposal"),
    ("after", "aftertaste"),
    ("after", "others_comments"),
)


@dataclass(frozen=True)
class WorksheetField:
    name: str
    section: str
    kind: str  # text, line, choice, scale, bool
    choices: tuple = ()
    low: int = 0
    high: int = 0
    counts_for_completion: bool = True


# Sections in the method's order of work: expectation, target, way of working, measurement,
# front line, supervisors; then classification, experience, value, interest groups.
SECTIONS = (
    "customer",
    "company",
    "measurement",
    "support",
    "classification",
    "experience",
    "value",
    "interest_groups",
    "notes",
)

FIELDS = [
    WorksheetField(
        "customer_does",
        "customer",
        "text",
    ),
    WorksheetField(
        "customer_thinks",
        "customer",
        "text",
    ),
    WorksheetField(
        "customer_feels",
        "customer",
        "text",
    ),
    WorksheetField(
        "need",
        "customer",
        "text",
    ),
    WorksheetField(
        "expectation",
        "customer",
        "text",
    ),
    WorksheetField(
        "counterpart_today",
        "company",
        "text",
    ),
    WorksheetField(
        "target_level",
        "company",
        "text",
    ),
    WorksheetField(
        "way_of_working",
        "company",
        "text",
    ),
    WorksheetField(
        "metric",
        "measurement",
        "line",
    ),
    WorksheetField(
        "metric_target",
        "measurement",
        "line",
    ),
    WorksheetField(
        "follow_up",
        "measurement",
        "text",
    ),
    WorksheetField(
        "frontline_needs",
        "support",
        "text",
    ),
    WorksheetField(
        "supervisor_needs",
        "support",
        "text",
    ),
    WorksheetField(
        "role",
        "classification",
        "choice",
        choices=("prerequisite", "opportunity"),
    ),
    WorksheetField(
        "criticality",
        "classification",
        "choice",
        choices=("critical", "less_critical"),
    ),
    WorksheetField(
        "importance",
        "classification",
        "scale",
        low=1,
        high=5,
    ),
    WorksheetField(
        "gate_stage",
        "classification",
        "bool",
        counts_for_completion=False,
    ),
    WorksheetField(
        "standardisation",
        "classification",
        "choice",
        choices=("standardised", "non_standardised"),
    ),
    WorksheetField(
        "experience_today",
        "experience",
        "scale",
        low=-3,
        high=3,
    ),
    WorksheetField(
        "experience_target",
        "experience",
        "scale",
        low=-3,
        high=3,
    ),
    WorksheetField(
        "value_easier_buying",
        "value",
        "text",
        counts_for_completion=False,
    ),
    WorksheetField(
        "value_easier_using",
        "value",
        "text",
        counts_for_completion=False,
    ),
    WorksheetField(
        "value_benefits_visible",
        "value",
        "text",
        counts_for_completion=False,
    ),
    WorksheetField(
        "value_low_threshold",
        "value",
        "text",
        counts_for_completion=False,
    ),
    WorksheetField(
        "value_shortcut_personal",
        "value",
        "text",
        counts_for_completion=False,
    ),
    WorksheetField(
        "interest_customer",
        "interest_groups",
        "text",
        counts_for_completion=False,
    ),
    WorksheetField(
        "interest_company",
        "interest_groups",
        "text",
        counts_for_completion=False,
    ),
    WorksheetField(
        "interest_staff",
        "interest_groups",
        "text",
        counts_for_completion=False,
    ),
    WorksheetField(
        "interest_support",
        "interest_groups",
        "text",
        counts_for_completion=False,
    ),
    WorksheetField(
        "notes",
        "notes",
        "text",
        counts_for_completion=False,
    ),
]

FIELDS_BY_NAME = {f.name: f for f in FIELDS}
COMPLETION_FIELDS = [f.name for f in FIELDS if f.counts_for_completion]

CHANNELS = (
    "premises",
    "phone",
    "booking",
    "email_post",
    "website",
    "social_media",
    "mobile_sms",
    "product_packaging",
    "transport",
    "advertising",
    "documents",
    "work_quality",
    "installers",
    "drivers",
    "billing_staff",
    "vehicles",
    "other",
)
INTERACTIONS = ("people", "physical", "systems", "product", "other_customers", "other")
FREQUENCIES = ("routine", "recurring", "exceptional")
ACTION_STATUSES = ("todo", "doing", "done")


def journey_name(language: str) -> str:
    """The name of a new journey made from the template."""
    return TEXTS.get("journey_name", language)


def phase_name(key: str, language: str) -> str:
    return TEXTS.get(f"phases.{key}", language)


def prompt(field_name: str, language: str) -> str:
    """The guiding question beside a worksheet field, in `language` (English if unknown)."""
    if field_name not in FIELDS_BY_NAME:
        raise KeyError(field_name)
    return TEXTS.get(f"prompts.{field_name}", language)


def default_stages(language: str) -> list[tuple[str, str, str]]:
    """(phase key, stage name, guidance) in the given language."""
    return [
        (
            phase,
            TEXTS.get(f"stages.{key}.name", language),
            TEXTS.get(f"stages.{key}.guidance", language),
        )
        for phase, key in DEFAULT_STAGES
    ]
