"""The method's default texts for the profitability groups, in Finnish and English (data).

The engine suggests one action key per group (``profitability.engine.ACTIONS``); the
consultant edits the text per group. Source: DOMAIN.md section 4 (the case of the four
actions); the sentences are our own.
"""

from __future__ import annotations

# The method ranks customers into 9-16 groups of equal size.
MIN_GROUPS = 9
MAX_GROUPS = 16
DEFAULT_GROUPS = 10

ACTION_TEXTS = {
    "protect": {
        "fi": {
            "label": "Suojele ja lisää arvoa",
            "text": (
                "Pidä näistä asiakkaista erityisen hyvää huolta: selvitä mitä he arvostavat "
                "ja anna sitä enemmän. Heidän menettämisensä maksaisi eniten."
            ),
        },
        "en": {
            "label": "Protect and add value",
            "text": (
                "Look after these customers above all: find out what they value and give "
                "them more of it. Losing them would cost the most."
            ),
        },
    },
    "adapt_processes": {
        "fi": {
            "label": "Sopeuta omat prosessit",
            "text": (
                "Palvele näitä asiakkaita kevyemmillä ja edullisemmilla toimintatavoilla "
                "tinkimättä siitä, mitä he arvostavat."
            ),
        },
        "en": {
            "label": "Adapt our own processes",
            "text": (
                "Serve these customers with lighter, cheaper routines without cutting what "
                "they value."
            ),
        },
    },
    "teach_to_buy": {
        "fi": {
            "label": "Opeta asiakas ostamaan",
            "text": (
                "Ohjaa asiakasta harvempiin, suurempiin ja ennalta suunniteltuihin "
                "tilauksiin; myös asiakkaan oma suunnittelu paranee."
            ),
        },
        "en": {
            "label": "Teach the customer to buy",
            "text": (
                "Guide the customer to fewer, larger and planned orders; their own planning "
                "improves too."
            ),
        },
    },
    "price_for_profit": {
        "fi": {
            "label": "Hinnoittele niin, että jokainen kauppa kannattaa",
            "text": (
                "Hinnoittele kallis palvelu erikseen (pienet tilaukset, kiiretoimitukset, "
                "erikoiskoot) ja aseta vähimmäistilaus. Älä luovu asiakkaasta suoraan: "
                "useimmat kustannukset ovat kiinteitä, ja pieni asiakas voi kasvaa."
            ),
        },
        "en": {
            "label": "Price so that every deal pays",
            "text": (
                "Charge for costly service (small orders, rush deliveries, special sizes) "
                "and set a minimum order. Do not simply drop the customer: most costs are "
                "fixed, and a small customer can grow."
            ),
        },
    },
}


def language_of(code: str | None) -> str:
    return "fi" if (code or "fi").startswith("fi") else "en"


def action_label(action: str, language: str) -> str:
    texts = ACTION_TEXTS.get(action)
    return texts[language_of(language)]["label"] if texts else action


def action_text(action: str, language: str) -> str:
    """The default text of an action key in the workshop's language."""
    texts = ACTION_TEXTS.get(action)
    return texts[language_of(language)]["text"] if texts else ""
