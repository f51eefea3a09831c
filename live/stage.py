"""The facilitator's stage: the journey as slides, one stage per slide, with the room's results
for that stage. Pure: takes stages and an activity's results, returns rows for the template."""

from dataclasses import dataclass, field

# The worksheet fields a stage slide shows, most telling first; empty ones are left out.
SLIDE_FIELDS = ("expectation", "need", "customer_does", "customer_thinks", "customer_feels",
                "target_level")  # fmt: skip


@dataclass
class StageSlide:
    number: int  # 1-based position among the slides (0 is the room's overview)
    stage: object
    fields: list = field(default_factory=list)  # (label, text)
    rating: object = None  # tally.RoomRating of this stage, when a rating runs
    rating_position: int = 50  # where the average sits on the -3..+3 scale, in percent
    dots: int | None = None
    dot_rank: int | None = None
    dot_actions: list = field(default_factory=list)  # (action, dots)
    ideas: list = field(default_factory=list)
    next_name: str = ""  # the following stage, for the speaker view


def stage_slides(stages, data: dict | None, labels: dict) -> list[StageSlide]:
    """One slide per stage in journey order; `data` is `results.activity_results` or None,
    `labels` maps a field name to its label."""
    data = data or {}
    ratings = {stage.pk: room for stage, room in data.get("rating_rows", [])}
    dot_rows = data.get("dot_rows", [])
    ideas = data.get("approved_ideas", [])
    slides = []
    for number, stage in enumerate(stages, start=1):
        slide = StageSlide(number=number, stage=stage)
        slide.fields = [
            (labels.get(name, name), getattr(stage, name))
            for name in SLIDE_FIELDS
            if (getattr(stage, name, "") or "").strip()
        ]
        room = ratings.get(stage.pk)
        if room is not None:
            slide.rating = room
            if room.count:
                slide.rating_position = round((room.average + 3) / 6 * 100)
        for row in dot_rows:
            if row["target"] is stage or getattr(row["target"], "pk", None) == stage.pk:
                slide.dots, slide.dot_rank = row["dots"], row["rank"]
            elif row["stage"].pk == stage.pk:
                slide.dot_actions.append((row["target"], row["dots"]))
        if "dot_rows" in data and slide.dots is None and not slide.dot_actions:
            slide.dots = 0
        slide.ideas = [i for i in ideas if i.stage_id == stage.pk]
        slides.append(slide)
    for slide, following in zip(slides, slides[1:], strict=False):
        slide.next_name = following.stage.name
    return slides


def clamp_slide(value, count: int) -> int:
    """The slide asked for in a URL, as a valid index 0..count (0 is the overview)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return max(0, min(number, count))


def join_base(site_url: str, scheme: str, host: str) -> str:
    """The address phones reach: SITE_URL when set, else the address the page was opened with."""
    return (site_url or f"{scheme}://{host}").rstrip("/")
