"""Small registries the foundation owns and the method's apps fill from AppConfig.ready().

The foundation imports none of its modules; each module adds its own dashboard tile,
exchange-format section and (later) report chapter here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DashboardTile:
    key: str
    title: Callable[[], str]
    template: str
    context: Callable[[Any, Any], dict]  # (request, workshop) -> context
    order: int = 100


@dataclass(frozen=True)
class ExchangeSection:
    """A top-level key of the workshop JSON exchange format."""

    key: str
    schema: Any  # a pydantic model type (or list[...] type)
    default: Callable[[], Any]
    export: Callable[[Any], Any]  # workshop -> schema instance
    load: Callable[[Any, Any, Any], None]  # (workshop, data, by) -> None
    order: int = 100
    # data -> messages naming each part over a size limit; runs before anything is written
    check: Callable[[Any], list[str]] | None = None


dashboard_tiles: dict[str, DashboardTile] = {}
exchange_sections: dict[str, ExchangeSection] = {}
workshop_setups: list[Callable] = []  # called as setup(workshop=..., by=...) on creation


def register_tile(tile: DashboardTile):
    dashboard_tiles[tile.key] = tile


def register_exchange_section(section: ExchangeSection):
    exchange_sections[section.key] = section


def register_workshop_setup(func):
    if func not in workshop_setups:
        workshop_setups.append(func)
    return func


def ordered(registry: dict):
    return sorted(registry.values(), key=lambda item: (item.order, item.key))


@dataclass(frozen=True)
class Badge:
    label: str
    css: str = ""  # "", "good", "gate", "critical"
    title: str = ""


@dataclass(frozen=True)
class MapLane:
    """An extra lane of the journey map (and badges on the stage worksheet).

    `values(stages)` gets every stage of the journey at once and returns
    {stage_id: [Badge, ...]}; it must run a fixed number of queries however many stages.
    """

    key: str
    title: Callable[[], str]
    values: Callable[[list], dict]
    order: int = 100


map_lanes: dict[str, MapLane] = {}


def register_map_lane(lane: MapLane):
    map_lanes[lane.key] = lane


def lane_values(stages: list) -> list[tuple[MapLane, dict]]:
    return [(lane, lane.values(stages)) for lane in ordered(map_lanes)]


@dataclass(frozen=True)
class ReportChapter:
    """A chapter of the PDF report. `context(workshop, options)` returns the template context;
    the template renders one <section class="chapter"> with an <h1> title."""

    key: str
    title: Callable[[], str]
    template: str
    context: Callable[[Any, dict], dict]
    order: int = 100
    opens_landscape: bool = False  # the chapter's first page is a landscape (wide) page
    # has_content(workshop, context): False leaves the chapter out of a report unless empty
    # chapters are asked for; None means the chapter always has something to show.
    has_content: Callable[[Any, dict], bool] | None = None


report_chapters: dict[str, ReportChapter] = {}


def register_report_chapter(chapter: ReportChapter):
    report_chapters[chapter.key] = chapter


@dataclass(frozen=True)
class ExportTables:
    """A module's tables for the XLSX workbook, the CSV downloads and the report appendix.
    `tables(workshop)` returns a list of workshops.exports.tables.Table."""

    key: str
    tables: Callable[[Any], list]
    order: int = 100


export_tables: dict[str, ExportTables] = {}


def register_export_tables(entry: ExportTables):
    export_tables[entry.key] = entry


def all_tables(workshop) -> list:
    return [table for entry in ordered(export_tables) for table in entry.tables(workshop)]


@dataclass(frozen=True)
class DemoLoader:
    """A module's part of the demo: `load(workshop=..., by=...)` runs after `loaddemo` has
    imported a demo workshop's JSON (journeys, Kano, segments), inside the same transaction,
    and adds what a JSON file cannot carry well (order lines, dated values, a live session)."""

    key: str
    load: Callable[..., None]
    order: int = 100


demo_loaders: dict[str, DemoLoader] = {}


def register_demo_loader(loader: DemoLoader):
    demo_loaders[loader.key] = loader


def lazy(dotted_path: str) -> Callable:
    """A callable that imports its target on first use, so heavy modules (matplotlib,
    openpyxl) load only when a report or chart is made, not at every process start."""
    from django.utils.module_loading import import_string

    target = None

    def call(*args, **kwargs):
        nonlocal target
        if target is None:
            target = import_string(dotted_path)
        return target(*args, **kwargs)

    return call
