"""The method's default content for benefit-based segments, in Finnish and English.

Pure data: the segment fields and their guiding questions, the car dealer example of the segment
matrix, the default criteria of a customer's value to the company, the five phases of customer
selection and its key questions. Written for Arvopolku from the ideas of the method (DOMAIN.md
section 3), not copied from the sources. Texts are chosen by the workshop's language; they are in
`segments/texts/<language>.toml`, where translators edit them.
"""

from dataclasses import dataclass

from workshops.method_texts import MethodTexts

TEXTS = MethodTexts.of(__file__)


@dataclass(frozen=True)
class SegmentField:
    name: str
    kind: str  # "text", "line", "choice", "scale"
    section: str
    low: int = 1
    high: int = 5


SECTIONS = (
    "profile",
    "needs",
    "business",
    "grouping",
    "cube",
    "selection",
    "notes",
    "connections",
)

FIELDS = (
    SegmentField("name", "line", "profile"),
    SegmentField("identification_criteria", "text", "profile"),
    SegmentField("buying_behaviour", "text", "profile"),
    SegmentField("purchase_criteria", "text", "profile"),
    SegmentField("satisfaction_criteria", "text", "profile"),
    SegmentField("loyalty", "text", "profile"),
    SegmentField("sought_benefits", "text", "profile"),
    SegmentField("purchase_potential", "text", "profile"),
    SegmentField("profitability", "text", "profile"),
    SegmentField("lifecycle_stage", "line", "profile"),
    SegmentField("needs", "text", "needs"),
    SegmentField("values", "text", "needs"),
    SegmentField("expectations", "text", "needs"),
    SegmentField("decision_makers", "text", "business"),
    SegmentField("decision_maker_values", "text", "business"),
    SegmentField("usage_intensity", "choice", "grouping"),
    SegmentField("usage_detail", "line", "grouping"),
    SegmentField("main_benefit", "choice", "grouping"),
    SegmentField("loyalty_level", "choice", "grouping"),
    SegmentField("attitude", "choice", "grouping"),
    SegmentField("attitude_detail", "line", "grouping"),
    SegmentField("demographic", "text", "grouping"),
    SegmentField("geographic", "text", "grouping"),
    SegmentField("lifestyle", "text", "grouping"),
    SegmentField("cube_volume", "scale", "cube"),
    SegmentField("cube_efficiency", "scale", "cube"),
    SegmentField("cube_duration", "scale", "cube"),
    SegmentField("q_interested", "text", "selection"),
    SegmentField("q_better_benefit", "text", "selection"),
    SegmentField("q_value_over_price", "text", "selection"),
    SegmentField("q_enough", "text", "selection"),
    SegmentField("q_know_us", "text", "selection"),
    SegmentField("evidence", "choice", "selection"),
    SegmentField("notes", "text", "notes"),
    SegmentField("kano_attribute_values", "line", "connections"),
)

FIELDS_BY_NAME = {spec.name: spec for spec in FIELDS}

# Fields counted for "how far is this profile filled".
COMPLETION_FIELDS = tuple(
    spec.name for spec in FIELDS if spec.section in ("profile", "needs", "grouping")
)

KEY_QUESTIONS = ("q_interested", "q_better_benefit", "q_value_over_price", "q_enough", "q_know_us")


def prompt(name: str, language: str) -> str:
    """The guiding question beside a segment field ("" for a field without one)."""
    prompts = TEXTS.table("prompts", language)
    return TEXTS.get(f"prompts.{name}", language) if name in prompts else ""


def section_title(section: str, language: str) -> str:
    return TEXTS.get(f"sections.{section}", language)


def section_titles(language: str) -> dict[str, str]:
    return {section: section_title(section, language) for section in SECTIONS}


# --- the segment matrix --------------------------------------------------------------------


def car_dealer_example(language: str) -> dict:
    """The car dealer's segment matrix: row_axis, row_values, column_axis, column_values."""
    return {
        key: TEXTS.value(f"car_dealer.{key}", language)
        for key in ("row_axis", "row_values", "column_axis", "column_values")
    }


def matrix_guidance(language: str) -> str:
    return TEXTS.get("matrix_guidance", language)


# --- customer value to the company ---------------------------------------------------------


@dataclass(frozen=True)
class DefaultCriterion:
    key: str
    weight: float = 1.0

    def name(self, language: str) -> str:
        return TEXTS.get(f"criteria.{self.key}.name", language)

    def description(self, language: str) -> str:
        return TEXTS.get(f"criteria.{self.key}.description", language)


DEFAULT_CRITERIA = tuple(
    DefaultCriterion(key)
    for key in (
        "volume",
        "frequency",
        "margin",
        "profit",
        "relationship",
        "loyalty",
        "share_of_wallet",
        "duration",
        "chemistry",
        "satisfaction",
        "strategic",
        "reference",
        "learning",
        "potential",
        "risk",
    )
)

# --- value experience ----------------------------------------------------------------------

EXPERIENCE_KINDS = ("gain", "sacrifice")
EXPERIENCE_DIMENSIONS = ("functional", "economic", "emotional", "social")
EXPERIENCE_MOMENTS = ("before", "transaction", "after")


def experience_guidance(language: str) -> str:
    return TEXTS.get("experience_guidance", language)


# --- customer selection --------------------------------------------------------------------

# The five phases of customer selection, in order; their titles and questions are in texts/.
SELECTION_PHASES = (1, 2, 3, 4, 5)


def selection_phase_text(phase: int, language: str) -> tuple[str, str]:
    """(title, guiding question) of a phase of customer selection."""
    if phase not in SELECTION_PHASES:
        raise KeyError(phase)
    return (
        TEXTS.get(f"selection_phases.{phase}.title", language),
        TEXTS.get(f"selection_phases.{phase}.text", language),
    )
