"""What participants are asked in a live session: the method's prompts, in Finnish and
English, chosen by the workshop's language (like journey/method.py).

The texts are in `live/texts/<language>.toml`, where translators edit them. Written for
Arvopolku from the ideas of the method (see DOMAIN.md), not copied from sources.
"""

from workshops.method_texts import MethodTexts

TEXTS = MethodTexts.of(__file__)


def prompts(language: str) -> dict[str, str]:
    """Every prompt of a live session as {key: text} (English for an unknown language)."""
    return dict(TEXTS.table("prompts", language))


def kano_survey_name(language: str, day) -> str:
    """The name of the Kano survey round a live session's Kano round is saved as."""
    return TEXTS.get("kano_survey_name", language, day=day.day, month=day.month, year=day.year)
