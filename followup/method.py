"""The follow-up's default texts, in Finnish and English, chosen by the workshop's language
(like journey.method). The texts are in `followup/texts/<language>.toml`, where translators
edit them. Written for Arvopolku."""

from workshops.method_texts import MethodTexts

TEXTS = MethodTexts.of(__file__)


def default_question(scale: int, language: str) -> str:
    """The question of a new feedback link: the NPS question on a 0-10 scale."""
    return TEXTS.get("nps_question" if scale == 10 else "default_question", language)


def scale_ends(scale: int, language: str) -> tuple[str, str]:
    """The words at the low and high end of the rating scale on the public feedback page."""
    if str(scale) not in TEXTS.table("scale_ends", language):
        raise KeyError(scale)
    return (
        TEXTS.get(f"scale_ends.{scale}.low", language),
        TEXTS.get(f"scale_ends.{scale}.high", language),
    )


def link_channel(language: str) -> str:
    """The channel recorded for feedback that came through a feedback link."""
    return TEXTS.get("link_channel", language)
