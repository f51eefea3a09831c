import pytest
from django.urls import reverse

from segments import services
from segments.editing import PARTS, value_version
from tests.conftest import HTMX


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
