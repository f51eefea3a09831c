import pytest
from django.urls import reverse

from segments import services
from segments.editing import PARTS, value_version
from tests.conftest import HTMX
from tests.profitability.conftest import make_model


@pytest.fixture
def segment(workshop, facilitator):
    return services.create_segment(workshop=workshop, name="Perheelliset", by=facilitator)


@pytest.fixture
def other_segment(workshop, facilitator):
    return services.create_segment(workshop=workshop, name="Yrittäjät", by=facilitator)


def save_url(kind, obj, name):
    return reverse("segments:part-save", args=[kind, obj.pk, name])


def post_field(client, kind, obj, name, value, base=None, **extra):
    """Autosave one field the way the page does, starting from the stored value."""
    model = PARTS[kind].model
    current = getattr(model.objects.get(pk=obj.pk), name)
    data = {name: value, "base_version": base if base is not None else value_version(current)}
    data.update(extra)
    return client.post(save_url(kind, obj, name), data, headers=HTMX)


def score(client, segment, criterion, value):
    row = segment.scores.get(criterion=criterion)
    return post_field(client, "score", row, "score", str(value))


def in_english(client):
    """The UI in English (the default is Finnish), for tests that read UI wording."""
    client.cookies["django_language"] = "en"
    return client


# --- a profitability model whose customers file carries attributes, for the segment rules
# A profitability model whose customers file carries attributes, for the segment rules.
#
# The hand-computed case of tests/profitability/conftest.py (A: revenue 1500 €, gross margin
# 950 €, profit 300 €; B: 300 €, 60 €, -100 €; C: 200 €, -10 €, -150 €; company result -350 €)
# with industry and employees columns. A's segment column names no workshop segment, B's is
# empty, C's is "retail".

CUSTOMERS = (
    "customer_id,name,segment,industry,employees\n"
    "A,Alpha Oy,wholesale,Food,120\n"
    'B,Beta Ab,,Metal,"1 200"\n'
    "C,Gamma Ky,retail,food,5\n"
)
FOOD = [{"conditions": [{"attribute": "industry", "operator": "=", "value": "food"}]}]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def food(workshop, facilitator):
    """Food makers, recognised by their industry; created before the retail segment."""
    segment = services.create_segment(workshop=workshop, name="Food makers", by=facilitator)
    segment.customer_rules = FOOD
    segment.save()
    return segment


@pytest.fixture
def retail(workshop, facilitator, food):
    return services.create_segment(workshop=workshop, name="Retail", by=facilitator)


@pytest.fixture
def model(workshop, facilitator, food, retail, media_root):
    return make_model(workshop, facilitator, customers=CUSTOMERS)
