"""What participants are asked in a live session: the method's prompts, in Finnish and
English, chosen by the workshop's language (like journey/method.py). Pure data.

Written for Arvopolku from the ideas of the method (see DOMAIN.md), not copied from sources.
"""

PROMPTS = {
    "rating": {
        "fi": "Miten asiakas kokee kunkin vaiheen tänään?",
        "en": "How does the customer experience each stage today?",
    },
    "rating_help": {
        "fi": "−3 = erittäin huono, 0 = ei hyvä eikä huono, +3 = erinomainen. "
        "Vastaus tallentuu heti, ja voit vielä muuttaa sitä.",
        "en": "−3 = very poor, 0 = neither good nor poor, +3 = excellent. "
        "Each answer is saved at once; you can still change it.",
    },
    "dots_stages": {
        "fi": "Mitkä vaiheet ovat asiakkaalle tärkeimpiä? Jaa pisteesi.",
        "en": "Which stages matter most to the customer? Spend your dots.",
    },
    "dots_actions": {
        "fi": "Mitkä toimenpiteet pitäisi tehdä ensin? Jaa pisteesi.",
        "en": "Which actions should come first? Spend your dots.",
    },
    "ideas": {
        "fi": "Miten vaihetta voisi parantaa asiakkaan kannalta? Kirjoita ideasi.",
        "en": "How could a stage be better for the customer? Write your idea.",
    },
    "timer": {
        "fi": "Aikaa keskustelulle",
        "en": "Time for discussion",
    },
    # An approved idea kept as a touchpoint or an action: the author's nickname stays with it.
    "idea_by": {
        "fi": "{idea} (idea: {nickname})",
        "en": "{idea} (idea by {nickname})",
    },
}


def prompts(language: str) -> dict[str, str]:
    language = language if language in ("fi", "en") else "en"
    return {key: texts[language] for key, texts in PROMPTS.items()}


def kano_survey_name(language: str, day) -> str:
    """The name of the Kano survey round a live session's Kano round is saved as."""
    if language == "fi":
        return f"Live-sessio {day.day}.{day.month}.{day.year}"
    return f"Live session {day.isoformat()}"
