"""Errors raised while reading a model folder: each names file, row and column."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class InputError:
    """One problem in one cell, one column or one whole file.

    ``row`` is the spreadsheet row (the header is row 1, the first data row is row 2); it is
    ``None`` for a problem with the whole file (empty, unreadable, a zip bomb). ``column`` is
    the header as the user wrote it; ``None`` when no single column is at fault.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    value: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        text = f"{', '.join(where)}: {self.message}"
        if self.value is not None:
            text += f" (value {self.value!r})"
        return text

    def to_dict(self) -> dict:
        return asdict(self)


class ModelError(Exception):
    """The model cannot be read or analysed; ``errors`` lists every problem found."""

    def __init__(self, errors: list[InputError]):
        self.errors = list(errors)
        lines = [str(error) for error in self.errors]
        super().__init__("\n".join(["The model has errors:", *lines]))

    def to_list(self) -> list[dict]:
        return [error.to_dict() for error in self.errors]
