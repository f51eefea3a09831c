"""The one language rule: method content in the workshop's language, the rest in the UI language.

Method content is what the method itself says: stage and phase names, worksheet prompts,
question texts, default worksheet texts and the method's texts in reports and on the public
survey and feedback pages. It follows the WORKSHOP's language, so a Finnish team's workshop
reads the same for a consultant whose screens are in English. Everything else (buttons,
labels, messages, number formats) follows the UI language: the person's choice, or the
browser's. Every module asks here instead of reading `workshop.language` or `get_language()`.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from .method_texts import language_code


def method_language(workshop) -> str:
    """'fi' or 'en': the language of the method's content in this workshop.

    Takes a workshop, or anything with a `language` (or a language code itself).
    """
    code = workshop if isinstance(workshop, str) or workshop is None else workshop.language
    return language_code(code)


def ui_language(request=None) -> str:
    """'fi' or 'en': the language of the page around the method's content."""
    code = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    return language_code(code or settings.LANGUAGE_CODE)


def in_method_language(workshop):
    """A context manager that renders a whole page or file in the workshop's language

    (the public survey and feedback pages, the report), like `translation.override`.
    """
    return translation.override(method_language(workshop))
