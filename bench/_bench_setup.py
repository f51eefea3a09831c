"""Helper of bench/journey_bench.py, run in a child process with the bench's environment.

    python bench/_bench_setup.py setup USERS OUT.json   # data, sessions; writes ids as JSON
    python bench/_bench_setup.py verify ACKS.json       # prints {"checked": n, "lost": n, ...}

Not a test and not part of the app: it only uses the app's own services to build the data a
workshop would have (an organisation, managers, a workshop from the template and a second
journey grown to 60 stages for the map) and to read back what the server stored.
"""

import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import transaction  # noqa: E402

from journey import method, services  # noqa: E402
from journey.models import Channel, Stage, Touchpoint  # noqa: E402
from workshops.models import (  # noqa: E402
    Membership,
    Organisation,
    Role,
    WorkshopMember,
    WorkshopRole,
)
from workshops.views import create_workshop  # noqa: E402

MAP_STAGES = 60
WORDS = (
    "asiakas palvelu odottaa nopeasti selkeä tarjous soitto huolto lasku sopimus toimitus "
    "customer expects clear offer quickly delivery invoice contract visit follow-up trust "
    "front line supervisor booking website premises"
).split()
TEXT_FIELDS = [f.name for f in method.FIELDS if f.kind == "text"]


def _text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


@transaction.atomic
def setup(users: int) -> dict:
    rng = random.Random(20240612)
    org = Organisation.objects.create(name="Bench Oy", slug="bench-oy")
    User = get_user_model()
    people = []
    for i in range(users):
        user = User(username=f"bench-manager-{i:02d}", email=f"m{i}@example.invalid")
        user.set_unusable_password()  # no password hashing: setup stays fast
        people.append(user)
    User.objects.bulk_create(people)
    people = list(User.objects.filter(username__startswith="bench-manager-").order_by("username"))
    Membership.objects.bulk_create(
        Membership(organisation=org, user=u, role=Role.MANAGER) for u in people
    )
    workshop = create_workshop(
        organisation=org, name="Bench workshop", client="Client Oy", language="en", by=people[0]
    )
    WorkshopMember.objects.bulk_create(
        WorkshopMember(workshop=workshop, user=u, role=WorkshopRole.MANAGER) for u in people
    )
    journey = workshop.journeys.get()
    stages = list(
        Stage.objects.filter(phase__journey=journey).order_by("phase__position", "position")
    )

    # The map journey: the template's 12 stages, grown to 60 with the app's own service.
    big = services.create_journey_from_template(workshop=workshop, name="Map 60", kind="ideal")
    phases = list(big.phases.order_by("position"))
    count = Stage.objects.filter(phase__journey=big).count()
    extra = 0
    while count < MAP_STAGES:
        services.add_stage(phase=phases[extra % len(phases)], name=f"Extra stage {extra + 1}")
        extra += 1
        count += 1
    channels = list(Channel.values)
    big_stages = list(Stage.objects.filter(phase__journey=big))
    for n, stage in enumerate(big_stages):
        for name in TEXT_FIELDS:
            setattr(stage, name, _text(rng, rng.randint(6, 20)))
        stage.metric = _text(rng, 4)
        stage.metric_target = f"{rng.randint(70, 99)} %"
        stage.role = rng.choice(["prerequisite", "opportunity"])
        stage.criticality = rng.choice(["critical", "less_critical"])
        stage.standardisation = rng.choice(["standardised", "non_standardised"])
        stage.importance = rng.randint(1, 5)
        stage.gate_stage = n % 7 == 0
        stage.experience_today = rng.randint(-3, 3)
        stage.experience_target = rng.randint(0, 3)
    Stage.objects.bulk_update(
        big_stages,
        [
            *TEXT_FIELDS,
            "metric",
            "metric_target",
            "role",
            "criticality",
            "standardisation",
            "importance",
            "gate_stage",
            "experience_today",
            "experience_target",
        ],
    )
    Touchpoint.objects.bulk_create(
        Touchpoint(
            stage=stage,
            channel=rng.choice(channels),
            description=_text(rng, 8),
            rating=rng.randint(-3, 3),
        )
        for stage in big_stages
    )

    # Signed-in sessions made directly (no login form: no password hashing, no rate limiter).
    sessions = []
    for user in people:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    return {
        "workshop": str(workshop.pk),
        "stages": [str(s.pk) for s in stages],
        "map_journey": str(big.pk),
        "map_stages": len(big_stages),
        "sessions": sessions,
        "text_fields": TEXT_FIELDS,
    }


def verify(record: dict) -> dict:
    """record["acks"]: [stage_id, field, value, t] for every 200 answer, in any order;
    record["unacked"]: [stage_id, field, value] sent after the pair's last 200 but answered
    otherwise (error or timeout): the server may have applied it, so it is not a lost save."""
    acks = record["acks"]
    unacked = {(s, f, v) for s, f, v in record.get("unacked", [])}
    last = {}
    for stage_id, field, value, t in acks:
        key = (stage_id, field)
        if key not in last or t >= last[key][1]:
            last[key] = (value, t)
    stored = {
        str(s["id"]): s
        for s in Stage.objects.filter(pk__in={k[0] for k in last}).values(
            "id", *{k[1] for k in last}
        )
    }
    lost = [
        k
        for k, (value, _t) in last.items()
        if stored[k[0]][k[1]] != value and (*k, stored[k[0]][k[1]]) not in unacked
    ]
    from workshops.models import Change

    changes = Change.objects.filter(stage_id__in=list({k[0] for k in last})).count()
    return {"checked": len(last), "acks": len(acks), "lost": len(lost), "changes": changes}


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "setup":
        Path(sys.argv[3]).write_text(json.dumps(setup(int(sys.argv[2]))))
    elif command == "verify":
        print(json.dumps(verify(json.loads(Path(sys.argv[2]).read_text()))))
    else:
        raise SystemExit(f"unknown command {command}")
