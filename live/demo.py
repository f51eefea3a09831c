"""The demo workshops' live session: a finished morning in which the management team rated
the stages, put their dots on the ones to fix first and left ideas, so the results page, the
dashboard and the report show a room's results."""

import datetime
import random
import secrets

from django.utils import timezone

from .codes import generate_code
from .models import Activity, ActivityKind, DotVote, Idea, LiveSession, Participant, Rating
from .services import hash_token

PEOPLE = {
    "fi": ["Anna", "Jukka", "Mervi", "Timo", "Sari", "Pekka"],
    "en": ["Sarah", "Tom", "Priya", "Mark", "Helen", "David"],
}
IDEAS = {
    "fi": [
        (1, 1, "Tarjouspyynnön kuittaus automaattisesti ja vastaus samana päivänä."),
        (1, 3, "Tekstiviesti asiakkaalle, kun kuorma lähtee varastosta."),
        (2, 0, "Materiaalitodistus aina lähetteen mukana, myös pikatoimituksissa."),
        (2, 1, "Reklamaatiolle nimetty vastuuhenkilö ja vastaus 24 tunnissa."),
    ],
    "en": [
        (1, 1, "Answer every enquiry with a named contact and a survey date the same day."),
        (1, 3, "Send the homeowner a text the day before with the team's arrival time."),
        (2, 0, "A short video of the controls left with every installation."),
        (2, 1, "Book the first annual service before the installation team leaves."),
    ],
}
DOTS_EACH = 5


def load_demo(*, workshop, by) -> None:
    journey = workshop.journeys.filter(kind="today").first()
    if journey is None:
        return
    stages = [
        stage for phase in journey.phases.all() for stage in phase.stages.order_by("position")
    ]
    if not stages:
        return
    language = workshop.language if workshop.language in PEOPLE else "en"
    rng = random.Random(f"demo-{language}")  # the same room every time the demo is loaded
    started = timezone.now() - datetime.timedelta(days=14)
    session = LiveSession.objects.create(
        workshop=workshop,
        journey=journey,
        started_by=by,
        code=generate_code(),
        started_at=started,
        ended_at=started + datetime.timedelta(hours=3),
    )
    people = Participant.objects.bulk_create(
        Participant(
            session=session,
            token_hash=hash_token(secrets.token_urlsafe(16)),
            nickname=name,
            joined_at=started,
        )
        for name in PEOPLE[language]
    )

    def activity(kind, minutes):
        return Activity.objects.create(
            session=session,
            kind=kind,
            opened_at=started + datetime.timedelta(minutes=minutes),
            closed_at=started + datetime.timedelta(minutes=minutes + 30),
        )

    rating = activity(ActivityKind.RATING, 10)
    Rating.objects.bulk_create(
        Rating(
            activity=rating,
            participant=person,
            stage=stage,
            value=max(-3, min(3, (stage.experience_today or 0) + rng.choice([-1, 0, 0, 1]))),
        )
        for person in people
        for stage in stages
    )
    dots = activity(ActivityKind.DOTS, 50)
    worst = sorted(stages, key=lambda s: (s.experience_today or 0, s.position))[:5]
    votes = []
    for person in people:
        chosen: dict = {}
        for _ in range(DOTS_EACH):
            stage = rng.choice(worst[:3] if rng.random() < 0.7 else worst)
            chosen[stage] = chosen.get(stage, 0) + 1
        votes += [
            DotVote(activity=dots, participant=person, stage=stage, count=count)
            for stage, count in chosen.items()
        ]
    DotVote.objects.bulk_create(votes)
    ideas = activity(ActivityKind.IDEAS, 90)
    phases = list(journey.phases.all())
    new_ideas = []
    for number, (phase, position, text) in enumerate(IDEAS[language]):
        phase_stages = (
            list(phases[phase].stages.order_by("position")) if phase < len(phases) else []
        )
        if position >= len(phase_stages):
            continue
        person = people[number % len(people)]
        new_ideas.append(
            Idea(
                activity=ideas,
                participant=person,
                nickname=person.nickname,
                stage=phase_stages[position],
                text=text,
                approved=True,
                created_at=started + datetime.timedelta(minutes=95 + number),
            )
        )
    Idea.objects.bulk_create(new_ideas)
