"""The method's default texts for the profitability groups, in Finnish and English.

The engine suggests one action key per group (``profitability.engine.ACTIONS``); the
consultant edits the text per group. Source: DOMAIN.md section 4 (the case of the four
actions); the sentences are our own. The texts are in `profitability/texts/<language>.toml`,
where translators edit them.
"""

from __future__ import annotations

from workshops.method_texts import MethodTexts

# The method ranks customers into 9-16 groups of equal size.
MIN_GROUPS = 9
MAX_GROUPS = 16
DEFAULT_GROUPS = 10

TEXTS = MethodTexts.of(__file__)


def action_label(action: str, language: str) -> str:
    """The short name of an action key in the workshop's language (the key if unknown)."""
    if action not in TEXTS.table("actions", language):
        return action
    return TEXTS.get(f"actions.{action}.label", language)


def action_text(action: str, language: str) -> str:
    """The default text of an action key in the workshop's language ("" if unknown)."""
    if action not in TEXTS.table("actions", language):
        return ""
    return TEXTS.get(f"actions.{action}.text", language)
