"""Changes to the parsed report before WeasyPrint lays it out; each one saves render time and
leaves the printed page as it was. Pure functions over the parsed document (xml.etree
elements, HTML tags without a namespace, as WeasyPrint's parser gives them); no Django.

Column widths. WeasyPrint's automatic table layout measures every word of every cell with
Pango to find each column's narrowest and widest width; on a long report that is half of the
render time. These functions make the same choice from the font's glyph widths instead (a
table lookup per character), write it as a <colgroup>, and switch the table to fixed layout,
which WeasyPrint lays out row by row without measuring.

The rule is CSS's own: every column gets at least its longest word; when the table is too
narrow for all of its text, the room left over goes to the columns in proportion to how much
more text they hold. A table whose longest words alone are wider than its page gets smaller
type, down to MIN_TYPE_PT; one that does not fit even then is left to WeasyPrint.

Charts. A chart is an inline <svg> in the HTML, so the page and the PDF show the same picture.
Left inline, each of its elements goes through the HTML style cascade too (WeasyPrint then
warns about every SVG-only property); handed over as an image, WeasyPrint draws the same SVG
with its SVG renderer alone. The images are served to the renderer from memory by the URL
fetcher, under our own base URL, so no data: URL of SVG has to be allowed.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

SVG_NS = "http://www.w3.org/2000/svg"
XMLNS_ATTRIBUTE = "{http://www.w3.org/2000/xmlns/}"
ElementTree.register_namespace("", SVG_NS)
ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")

# Widths are in ems of the table's type (8.5 pt in report.css, 8 pt for .small tables).
LINE_EMS = 504 / 8.5  # a portrait A4 page between the margins: 178 mm is 504 pt
WIDE_LINE_EMS = 706 / 8.5  # a landscape page: 249 mm
TYPE_PT = 8.5
SMALL_TYPE_PT = 8.0  # .small tables
MIN_TYPE_PT = 7.0  # smaller than this is not read at a meeting table
FITTED_SHARE = 0.85  # of a too-wide table's line, what its longest words may take
WIDE_CLASSES = {"wide", "opens-wide"}  # report.css puts these on landscape pages
PORTRAIT_CLASSES = {"page", "worksheet", "cover", "toc"}
CELL_PADDING_EMS = 12 / 8.5  # 2 mm on each side of a cell, and a little to spare
SHORT_CHARS = 10  # "52 %", "2025-04-24", "12.3.2027": kept on one line, never broken
AVERAGE_EMS = 0.56  # a character's width when no font is given (Inter's lower case)
TABLE_CLASS = "report-table"
KEEP_CLASSES = {"map-table"}  # tables that set their own widths


@dataclass
class ColumnText:
    narrowest: float = 0.0  # the longest unbreakable piece: a word, or a whole number
    widest: float = 0.0  # all of the longest cell's text on one line


class GlyphWidths:
    """Advance widths of a font's characters, in ems. `widths` maps a character to its width;
    the worker reads them from the report's own font files (fontTools)."""

    def __init__(
        self, widths: dict[str, float] | None = None, bold: dict[str, float] | None = None
    ):
        self.widths = widths or {}
        self.bold = bold or self.widths

    @classmethod
    def from_font_files(cls, regular: str, bold: str) -> "GlyphWidths":
        return cls(_font_widths(regular), _font_widths(bold))

    def __call__(self, text: str, *, bold: bool = False) -> float:
        table = self.bold if bold else self.widths
        return sum(table.get(character, AVERAGE_EMS) for character in text)


def _font_widths(path: str) -> dict[str, float]:
    from fontTools.ttLib import TTFont  # a WeasyPrint dependency; only the worker needs it

    font = TTFont(path)
    per_em = font["head"].unitsPerEm
    metrics = font["hmtx"]
    return {chr(code): metrics[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}


def _classes(element: Element) -> set[str]:
    return set((element.get("class") or "").split())


def _rows(table: Element) -> Iterable[Element]:
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if row.tag == "tr")


def measure(table: Element, width=None) -> list[ColumnText]:
    """The text of each column, from the cells that span one column, in ems."""
    width = width or GlyphWidths()
    columns: list[ColumnText] = []
    for row in _rows(table):
        index = 0
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            colspan = cell.get("colspan")
            span = max(1, int(colspan)) if _is_int(colspan) else 1
            while len(columns) < index + span:
                columns.append(ColumnText())
            if span == 1:
                text = " ".join("".join(cell.itertext()).split())
                words = text.split(" ") if text else [""]
                bold = cell.tag == "th"
                # Headers wrap at their words (report.css); figures and short values do not.
                no_wrap = not bold and (
                    bool(_classes(cell) & {"num", "nowrap"}) or len(text) <= SHORT_CHARS
                )
                whole = width(text, bold=bold)
                column = columns[index]
                narrowest = whole if no_wrap else max(width(w, bold=bold) for w in words)
                column.narrowest = max(column.narrowest, narrowest)
                column.widest = max(column.widest, whole)
            index += span
    return columns


def _is_int(value) -> bool:
    return value is not None and value.strip().isdigit()


def shares(columns: list[ColumnText], line: float = LINE_EMS) -> list[float]:
    """Each column's share of the table's width, in per cent, adding up to 100; empty when
    the columns' longest words alone do not fit on the line."""
    if not columns:
        return []
    narrowest = [c.narrowest + CELL_PADDING_EMS for c in columns]
    widest = [max(c.widest, c.narrowest) + CELL_PADDING_EMS for c in columns]
    if sum(widest) <= line * (1 + 1e-9):
        widths = widest  # everything fits on one line: as wide as the text
    elif sum(narrowest) > line * (1 + 1e-9):
        return []  # wider than the page whatever we do: not for a fixed layout
    else:
        room = line - sum(narrowest)
        extra = [w - n for w, n in zip(widest, narrowest, strict=True)]
        widths = [n + room * e / sum(extra) for n, e in zip(narrowest, extra, strict=True)]
    total = sum(widths)
    return [100 * w / total for w in widths]


def fix_table_columns(root: Element, width=None) -> int:
    """Give every report table without its own columns a <colgroup> and fixed layout.
    `width(text, bold=...)` measures text in ems (a GlyphWidths). Returns how many tables
    were changed."""
    changed = 0
    for table, wide in _tables(root, wide=bool(_classes(root) & WIDE_CLASSES)):
        classes = _classes(table)
        if TABLE_CLASS not in classes or classes & KEEP_CLASSES:
            continue
        if any(child.tag in ("colgroup", "col") for child in table):
            continue
        columns = measure(table, width)
        # The page's width in ems of this table's type, and in ems of the smallest type.
        type_pt = SMALL_TYPE_PT if "small" in classes else TYPE_PT
        line = (WIDE_LINE_EMS if wide else LINE_EMS) * TYPE_PT / type_pt
        needed = sum(c.narrowest + CELL_PADDING_EMS for c in columns)
        fitted_pt = type_pt
        if needed > line:
            if type_pt * line / needed < MIN_TYPE_PT:
                continue
            # Small enough for the words, and a little smaller where it can be, so that the
            # text columns get some room beyond their longest word.
            fitted_pt = max(MIN_TYPE_PT, type_pt * FITTED_SHARE * line / needed)
        percents = shares(columns, line * type_pt / fitted_pt)
        if not percents:
            continue
        colgroup = Element("colgroup")
        for percent in percents:
            colgroup.append(Element("col", {"style": f"width: {percent:.2f}%"}))
        table.insert(0, colgroup)
        style = table.get("style", "")
        layout = "table-layout: fixed"
        if fitted_pt < type_pt:
            layout += f"; font-size: {fitted_pt:.2f}pt"
        table.set("style", f"{style}; {layout}" if style else layout)
        changed += 1
    return changed


def _tables(element: Element, *, wide: bool):
    """Every table below `element`, with whether it stands on a landscape page."""
    for child in element:
        classes = _classes(child)
        child_wide = bool(classes & WIDE_CLASSES) or (wide and not classes & PORTRAIT_CLASSES)
        if child.tag == "table":
            yield child, child_wide
        yield from _tables(child, wide=child_wide)


def charts_as_images(root: Element, url_prefix: str) -> dict[str, bytes]:
    """Replace every top-level inline <svg> by an <img> of the same SVG; returns the images
    by URL (url_prefix + "chart-N.svg"), for the fetcher to serve."""
    images = {}
    for parent in list(root.iter()):
        for position, child in enumerate(list(parent)):
            if child.tag != f"{{{SVG_NS}}}svg":
                continue
            for element in child.iter():
                # The HTML parser keeps xmlns declarations as attributes; XML writes its own.
                for name in [n for n in element.attrib if n.startswith(XMLNS_ATTRIBUTE)]:
                    del element.attrib[name]
            url = f"{url_prefix}chart-{len(images) + 1}.svg"
            images[url] = ElementTree.tostring(child, encoding="utf-8")
            image = Element("img", {"src": url, "class": "chart-image", "alt": ""})
            image.tail = child.tail
            parent.remove(child)
            parent.insert(position, image)
    return images
