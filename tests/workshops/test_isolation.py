"""Every URL of the project, walked as a user of another organisation: 404 and no data.

The URL list comes from the resolver, so a new URL is covered the day it is added; a URL
that takes a parameter this test cannot fill makes the test fail until it learns it.
"""

import importlib
import importlib.util
import pkgutil

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from journey.models import Action, Stage, Touchpoint
from workshops.models import Change, Invitation, Report

# Public by design: knowing the secret token is the permission. Each is walked twice: with a
# wrong token it answers 404 (password reset: "invalid link"), with the right one it works and
# shows none of the workshop's inner texts.
PUBLIC_BY_TOKEN = {
    "workshops:invitation": "token",
    "password_reset_confirm": "token",
    "kano:public-survey": "survey_token",
    "kano:public-resume": "respondent_token",
    "followup:public-feedback": "feedback_token",
    "followup:calendar-feed": "calendar_token",
}
# Texts only members may read: worksheets, history, reports.
INNER_TEXTS = [b"SECRET-EXPECTATION", b"SECRET-OLD", b"%PDF SECRET", b"SECRET-TOUCHPOINT"]


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else prefix
            yield from walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry


ALL_URLS = sorted(dict(walk(get_resolver().url_patterns)).items())


@pytest.fixture
def victim_objects(workshop, manager, stage):
    """One object of every kind, in the victim organisation, with a secret text in it."""
    Stage.objects.filter(pk=stage.pk).update(expectation="SECRET-EXPECTATION")
    touchpoint = Touchpoint.objects.create(stage=stage, description="SECRET-TOUCHPOINT")
    Action.objects.create(stage=stage, what="SECRET-ACTION")
    change = Change.objects.create(
        workshop=workshop,
        stage_id=stage.pk,
        target_type="stage",
        target_id=stage.pk,
        field="need",
        old_value="SECRET-OLD",
        new_value="x",
    )
    report = Report.objects.create(workshop=workshop, status="done")
    report.file.save("secret.pdf", ContentFile(b"%PDF SECRET"), save=True)
    invitation = Invitation.objects.create(
        token="tok", organisation=workshop.organisation, workshop=workshop, email="x@example.com"
    )
    journey = workshop.journeys.get()
    params = {}
    # Each app's tests may add the objects its URLs name, in tests/<app>/isolation.py:
    # def victim_params(*, workshop, stage) -> dict of URL parameter name to value.
    import tests

    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg or importlib.util.find_spec(f"tests.{module.name}.isolation") is None:
            continue
        isolation = importlib.import_module(f"tests.{module.name}.isolation")
        params.update(isolation.victim_params(workshop=workshop, stage=stage))
    return params | {
        "uidb64": urlsafe_base64_encode(force_bytes(manager.pk)),
        "reset_token": default_token_generator.make_token(manager),
        "workshop_id": workshop.pk,
        "journey_id": journey.pk,
        "phase_id": stage.phase_id,
        "stage_id": stage.pk,
        "row_id": touchpoint.pk,
        "kind": "touchpoints",
        "change_id": change.pk,
        "organisation_id": workshop.organisation_id,
        "name": "expectation",
        "token": invitation.token,
        "report_id": report.pk,
        "table_key": "actions",
    }


def by_namespace(urls):
    groups = {}
    for name, pattern in urls:
        groups.setdefault(name.split(":")[0] if ":" in name else "accounts", []).append(
            (name, pattern)
        )
    return groups


URL_GROUPS = by_namespace(ALL_URLS)


# One test per app's namespace: the victim's world is built once per group, not once per URL,
# and a failure lists every URL of the group that let the outsider in.
@pytest.mark.parametrize("namespace", sorted(URL_GROUPS))
def test_other_organisation_gets_404(namespace, victim_objects, client_for, outsider):
    client = client_for(outsider)
    failures = []
    for name, pattern in URL_GROUPS[namespace]:
        try:
            check_url(name, pattern, victim_objects, client)
        except AssertionError as error:
            failures.append(f"{name}: {error}")
    assert not failures, "\n".join(failures)


def check_url(name, pattern, victim_objects, client):
    params = list(pattern.pattern.regex.groupindex)
    if name in PUBLIC_BY_TOKEN:
        check_public_by_token(name, params, victim_objects, client)
        return
    if not params:
        # A URL that names no object shows only the visitor's own data.
        response = client.get(reverse(name))
        assert b"SECRET" not in response.content
        assert b"Muovitukku" not in response.content
        return
    missing = [p for p in params if p not in victim_objects]
    assert not missing, f"teach the isolation test to fill {missing} for {name}"
    url = reverse(name, kwargs={p: victim_objects[p] for p in params})
    statuses = []
    for method in ("get", "post"):
        response = getattr(client, method)(url, headers={"HX-Request": "true"})
        assert b"SECRET" not in response.content
        assert b"Muovitukku" not in response.content
        statuses.append(response.status_code)
    # Each URL answers 404 to the method it serves; the other method may be 405.
    assert 404 in statuses and set(statuses) <= {404, 405}, (name, statuses)


def check_public_by_token(name, params, victim_objects, client):
    secret = PUBLIC_BY_TOKEN[name]
    values = {p: victim_objects[p] for p in params}
    if name == "password_reset_confirm":
        values["token"] = victim_objects["reset_token"]
    right = client.get(reverse(name, kwargs=values))
    assert right.status_code in (200, 302), (name, right.status_code)
    for text in INNER_TEXTS:
        assert text not in right.content, (name, text)
    wrong = client.get(reverse(name, kwargs=values | {secret: "wrong-" + str(values[secret])}))
    if name == "password_reset_confirm":
        assert wrong.status_code == 200 and "validlink" in wrong.context
        assert not wrong.context["validlink"]
    else:
        assert wrong.status_code == 404, (name, wrong.status_code)
    for text in INNER_TEXTS:
        assert text not in wrong.content, (name, text)


def test_outsider_home_lists_only_their_own_workshops(victim_objects, client_for, outsider):
    response = client_for(outsider).get(reverse("workshops:home"))
    assert "Mallory&#x27;s own" in response.text
    assert "Muovitukku" not in response.text


def test_url_identifiers_are_not_sequential(victim_objects):
    assert len(str(victim_objects["workshop_id"])) == 36
    assert len(str(victim_objects["stage_id"])) == 36
