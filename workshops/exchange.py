"""The workshop JSON exchange format: one versioned pydantic schema.

Top level: `schema_version`, `workshop`, and one key per registered section (`journeys` from
journey/, later `kano`, `segments`, ...). Import validates the whole file and checks the size
limits before it writes anything: a bad file creates nothing.

A large file is written in many short transactions, not one long one: a 49 MB file written in
one transaction held SQLite's write lock for 28 s, and every other organisation's save waited
for it and failed. The new workshop is marked `importing`, which hides it everywhere, until
the last write; when a write fails it is deleted, so an import is still all-or-nothing.
"""

import json
from functools import cache
from typing import Literal

from django.db import transaction
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from . import filereader, registry
from .models import Workshop

SCHEMA_VERSION = 1
# A workshop file nests about six levels (sections, journeys, stages, touchpoints, fields).
MAX_DEPTH = 32
TOO_DEEP = "The file nests its values too deeply to be a workshop file."
# A workshop file nests about six levels (sections, journeys, stages, touchpoints, fields).
MAX_DEPTH = 32
TOO_DEEP = "The file nests its values too deeply to be a workshop file."


class WorkshopInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    client: str = Field("", max_length=200)
    language: Literal["fi", "en"] = "fi"
    description: str = ""


class ExchangeError(Exception):
    """A file that cannot be imported; `messages` name the path of each bad field."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@cache
def exchange_model() -> type[BaseModel]:
    sections = {
        section.key: (section.schema, Field(default_factory=section.default))
        for section in registry.ordered(registry.exchange_sections)
    }
    return create_model(
        "WorkshopExchange",
        __config__=ConfigDict(extra="forbid"),
        schema_version=(Literal[SCHEMA_VERSION], ...),
        workshop=(WorkshopInfo, ...),
        **sections,
    )


def json_schema() -> dict:
    schema = exchange_model().model_json_schema()
    schema["title"] = f"Arvopolku workshop, schema version {SCHEMA_VERSION}"
    return schema


def export_workshop(workshop: Workshop) -> dict:
    data = {
        "schema_version": SCHEMA_VERSION,
        "workshop": WorkshopInfo(
            name=workshop.name,
            client=workshop.client,
            language=workshop.language,
            description=workshop.description,
        ),
    }
    for section in registry.ordered(registry.exchange_sections):
        data[section.key] = section.export(workshop)
    return exchange_model()(**data).model_dump(mode="json")


def export_json(workshop: Workshop) -> bytes:
    return json.dumps(export_workshop(workshop), ensure_ascii=False, indent=2).encode()


def _path(location) -> str:
    return ".".join(str(part) for part in location) or "(top level)"


def _json(raw: bytes | str):
    """The JSON value of a file, or an ExchangeError the person can act on."""
    if isinstance(raw, bytes):
        kind = filereader.binary_kind(raw)
        if kind:
            message = _(
                "The file is %(kind)s, not a workshop file. Choose the .json file "
                "that Arvopolku's export gave."
            )
            # The kinds are msgids too (see locale), so a Finnish page says "PNG-kuva".
            raise ExchangeError([message % {"kind": _(kind)}])
        wide = filereader.unsupported_encoding(raw)
        if wide:
            message = _("The file is %(encoding)s text; a workshop file is UTF-8 JSON.")
            raise ExchangeError([message % {"encoding": wide}])
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            message = _(
                "The file is not UTF-8 text (byte %(position)d cannot be read); a "
                "workshop file is UTF-8 JSON."
            )
            raise ExchangeError([message % {"position": error.start}]) from None
    if not raw.strip():
        raise ExchangeError([_("The file is empty.")])
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        message = _("The file is not valid JSON: %(problem)s at line %(line)d, column %(column)d.")
        values = {"problem": error.msg, "line": error.lineno, "column": error.colno}
        raise ExchangeError([message % values]) from None
    except RecursionError:
        # Python's JSON parser recurses once per nesting level: a file nested thousands deep
        # exhausts the stack. No workshop file nests more than a few levels.
        raise ExchangeError([_(TOO_DEEP)]) from None
    if not _nests_at_most(data, MAX_DEPTH):
        # Shallower than the parser's limit but deeper than any workshop: refused here so
        # that validation and saving (which recurse too) never meet it.
        raise ExchangeError([_(TOO_DEEP)])
    return data


def _nests_at_most(data, limit: int) -> bool:
    """True when no value lies more than `limit` arrays or objects deep (no recursion)."""
    stack = [(data, 1)] if isinstance(data, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return False
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return True


def parse(raw: bytes | str | dict) -> BaseModel:
    """Validate a whole file. Raises ExchangeError naming every bad field's path."""
    if isinstance(raw, dict):
        data = raw
    else:
        data = _json(raw)
    if not isinstance(data, dict):
        raise ExchangeError(["(top level): expected a JSON object"])
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ExchangeError(
            [
                f"schema_version: unknown schema version {version!r}, "
                f"this Arvopolku reads version {SCHEMA_VERSION}"
            ]
        )
    try:
        document = exchange_model().model_validate(data)
    except ValidationError as error:
        raise ExchangeError([f"{_path(e['loc'])}: {e['msg']}" for e in error.errors()]) from None
    problems = []
    for section in registry.ordered(registry.exchange_sections):
        if section.check is not None:
            problems.extend(section.check(getattr(document, section.key)))
    if problems:
        raise ExchangeError(problems)
    return document


def import_workshop(raw, *, organisation, by=None, name: str | None = None) -> Workshop:
    document = parse(raw)
    info = document.workshop
    workshop = Workshop.all_objects.create(
        organisation=organisation,
        name=name or info.name,
        client=info.client,
        language=info.language,
        description=info.description,
        created_by=by if by and by.is_authenticated else None,
        importing=True,
    )
    try:
        # Each section writes in transactions short enough for others' saves to slip between.
        for section in registry.ordered(registry.exchange_sections):
            section.load(workshop, getattr(document, section.key), by)
        Workshop.all_objects.filter(pk=workshop.pk).update(importing=False)
    except BaseException:
        discard_import(workshop)
        raise
    workshop.importing = False
    return workshop


def discard_import(workshop: Workshop) -> None:
    """Remove what a failed import wrote; the workshop was never shown to anyone."""
    with transaction.atomic():
        Workshop.all_objects.filter(pk=workshop.pk, importing=True).delete()


def duplicate_workshop(*, workshop: Workshop, by, name: str) -> Workshop:
    return import_workshop(
        export_workshop(workshop), organisation=workshop.organisation, by=by, name=name
    )
