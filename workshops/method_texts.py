"""The method's texts, read from data files that translators edit: `<app>/texts/<language>.toml`.

Stage names, worksheet prompts, question templates and the like are method content, shown in
the workshop's language (see `workshops.language`). Each app keeps them in one TOML file per
language; a module reads them with `MethodTexts.of(__file__)`. Keys are dotted paths into the
file ("prompts.rating"). A language we have no file for falls back to English. A missing key
or file raises `MethodTextError` naming the file and the key, never a bare KeyError.

Pure: no Django, so the pure method modules can use it.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("fi", "en")
FALLBACK = "en"


class MethodTextError(LookupError):
    """A method text file or key is missing or has the wrong type."""


def language_code(code: str | None) -> str:
    """'fi' or 'en' from a language code such as 'fi', 'fi-FI' or 'en-gb'; English otherwise."""
    code = (code or "").lower()
    for language in LANGUAGES:
        if code == language or code.startswith(language + "-"):
            return language
    return FALLBACK


class MethodTexts:
    """The texts of one app, in every language, from `folder/<language>.toml`."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    @classmethod
    def of(cls, module_file: str) -> MethodTexts:
        """The texts beside a module: `MethodTexts.of(__file__)` reads `texts/` in its folder."""
        return _texts_in(Path(module_file).resolve().parent / "texts")

    def path(self, language: str) -> Path:
        return self.folder / f"{language_code(language)}.toml"

    def catalogue(self, language: str) -> dict:
        """The whole file of a language as nested dicts (read once, then cached)."""
        return _read(self.path(language))

    def value(self, key: str, language: str):
        """The value at a dotted key: a string, a list or a table."""
        path = self.path(language)
        node = self.catalogue(language)
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise MethodTextError(f"{path}: no method text '{key}'")
            node = node[part]
        return node

    def get(self, key: str, language: str, **values) -> str:
        """The text at a dotted key, with `{placeholders}` filled from `values` if given."""
        text = self.value(key, language)
        if not isinstance(text, str):
            raise MethodTextError(f"{self.path(language)}: method text '{key}' is not a string")
        if values:
            try:
                return text.format(**values)
            except (KeyError, IndexError, ValueError) as error:
                raise MethodTextError(
                    f"{self.path(language)}: method text '{key}' has a bad placeholder: {error}"
                ) from error
        return text

    def table(self, key: str, language: str) -> dict:
        """The table at a dotted key, e.g. every prompt of a section as {name: text}."""
        table = self.value(key, language)
        if not isinstance(table, dict):
            raise MethodTextError(f"{self.path(language)}: method text '{key}' is not a table")
        return table

    def items(self, key: str, language: str) -> list:
        items = self.value(key, language)
        if not isinstance(items, list):
            raise MethodTextError(f"{self.path(language)}: method text '{key}' is not a list")
        return items


@cache
def _texts_in(folder: Path) -> MethodTexts:
    return MethodTexts(folder)


@cache
def _read(path: Path) -> dict:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError as error:
        raise MethodTextError(f"{path}: method text file is missing") from error
    except tomllib.TOMLDecodeError as error:
        raise MethodTextError(f"{path}: {error}") from error


def flat_keys(table: dict, prefix: str = "") -> dict[str, object]:
    """Every leaf of a catalogue as {dotted key: value}; lists count as leaves item by item."""
    leaves: dict[str, object] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            leaves.update(flat_keys(value, key + "."))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                leaves[f"{key}.{index}"] = item
        else:
            leaves[key] = value
    return leaves
