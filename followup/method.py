"""The follow-up's default texts, in Finnish and English: pure data, chosen by the
workshop's language (like journey.method). Written for Arvopolku."""

DEFAULT_QUESTION = {
    "fi": "Miten onnistuimme tässä vaiheessa?",
    "en": "How did we do at this stage?",
}

NPS_QUESTION = {
    "fi": "Kuinka todennäköisesti suosittelisit meitä ystävällesi tai kollegallesi?",
    "en": "How likely are you to recommend us to a friend or colleague?",
}

# The ends of the rating scale on the public feedback page.
SCALE_ENDS = {
    5: {"fi": ("Erittäin huono", "Erinomainen"), "en": ("Very poor", "Excellent")},
    10: {
        "fi": ("En lainkaan todennäköisesti", "Erittäin todennäköisesti"),
        "en": ("Not at all likely", "Extremely likely"),
    },
}

LINK_CHANNEL = {"fi": "Palautelinkki", "en": "Feedback link"}


def text(table: dict, language: str) -> str:
    return table.get(language) or table["en"]


def default_question(scale: int, language: str) -> str:
    return text(NPS_QUESTION if scale == 10 else DEFAULT_QUESTION, language)


def scale_ends(scale: int, language: str) -> tuple[str, str]:
    return text(SCALE_ENDS[scale], language)
