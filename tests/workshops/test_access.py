"""workshops.access.get_for_user, for every workshop-owned model that declares its
`workshop_path`: another organisation's object is a 404, a viewer who edits gets 403, a
manager edits, only a facilitator facilitates, and one query fetches the object, its workshop
and the role."""

import importlib
import importlib.util
import pkgutil
import uuid

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from journey.models import Action, FeedbackPlanItem, Stage, Touchpoint
from tests.conftest import make_user
from workshops.access import get_for_user
from workshops.models import Change, Report, Role, Workshop, WorkshopRole

OWNED_MODELS = sorted(
    (model for model in apps.get_models() if hasattr(model, "workshop_path")),
    key=lambda model: model._meta.label,
)
MODEL_IDS = [model._meta.label for model in OWNED_MODELS]


@pytest.fixture
def owned(workshop, stage):
    """One object of every workshop-owned model, in `workshop`, found through its path."""
    import tests

    # Each app's tests make the objects its URLs name (the same ones the isolation walk uses).
    for module in pkgutil.iter_modules(tests.__path__):
        if module.ispkg and importlib.util.find_spec(f"tests.{module.name}.isolation"):
            importlib.import_module(f"tests.{module.name}.isolation").victim_params(
                workshop=workshop, stage=stage
            )
    Touchpoint.objects.create(stage=stage, description="a touchpoint")
    Action.objects.create(stage=stage, what="an action")
    FeedbackPlanItem.objects.create(stage=stage, whom="customers")
    Change.objects.create(
        workshop=workshop, stage_id=stage.pk, target_type="stage", target_id=stage.pk, field="need"
    )
    Report.objects.create(workshop=workshop)
    objects = {}
    for model in OWNED_MODELS:
        path = model.workshop_path
        found = model.objects.filter(**{path or "pk": workshop.pk}).first()
        assert found is not None, f"make a {model.__name__} in the fixture"
        objects[model] = found
    return objects


def request_as(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def workshop_of(obj):
    for step in obj.workshop_path.split("__") if obj.workshop_path else ():
        obj = getattr(obj, step)
    return obj


@pytest.mark.parametrize("model", OWNED_MODELS, ids=MODEL_IDS)
def test_other_organisation_gets_404(model, owned, outsider):
    with pytest.raises(Http404):
        get_for_user(request_as(outsider), model, owned[model].pk)


@pytest.mark.parametrize("model", OWNED_MODELS, ids=MODEL_IDS)
def test_viewer_reads_but_gets_403_on_edit(model, owned, viewer):
    obj = get_for_user(request_as(viewer), model, owned[model].pk)
    assert obj == owned[model]
    assert workshop_of(obj).user_role == WorkshopRole.VIEWER
    assert not workshop_of(obj).can_edit
    with pytest.raises(PermissionDenied):
        get_for_user(request_as(viewer), model, owned[model].pk, edit=True)


@pytest.mark.parametrize("model", OWNED_MODELS, ids=MODEL_IDS)
def test_manager_edits_but_does_not_facilitate(model, owned, manager):
    obj = get_for_user(request_as(manager), model, owned[model].pk, edit=True)
    assert workshop_of(obj).can_edit
    assert not workshop_of(obj).can_facilitate
    with pytest.raises(PermissionDenied):
        get_for_user(request_as(manager), model, owned[model].pk, facilitate=True)


@pytest.mark.parametrize("model", OWNED_MODELS, ids=MODEL_IDS)
def test_facilitator_facilitates_in_one_query(model, owned, facilitator, django_assert_num_queries):
    request = request_as(facilitator)
    with django_assert_num_queries(1):
        obj = get_for_user(request, model, owned[model].pk, edit=True, facilitate=True)
        workshop = workshop_of(obj)
        assert workshop.organisation.name == "Konsultit Oy"
    assert workshop.user_role == WorkshopRole.FACILITATOR
    assert workshop.can_edit and workshop.can_facilitate


def test_organisation_member_outside_the_workshop_gets_404(owned, organisation):
    # A manager of the organisation who is not a member of this workshop cannot see it.
    stranger = make_user("dave", organisation, Role.MANAGER)
    with pytest.raises(Http404):
        get_for_user(request_as(stranger), Stage, owned[Stage].pk)


def test_organisation_owner_facilitates_without_workshop_membership(owned, organisation):
    owner = make_user("olga", organisation, Role.OWNER)
    stage = get_for_user(request_as(owner), Stage, owned[Stage].pk, facilitate=True)
    assert stage.phase.journey.workshop.user_role == WorkshopRole.FACILITATOR


def test_queryset_argument_keeps_its_filter_and_select_related(
    owned, manager, django_assert_num_queries
):
    touchpoint = owned[Touchpoint]
    queryset = Touchpoint.objects.select_related("stage__phase").filter(description="a touchpoint")
    with django_assert_num_queries(1):
        found = get_for_user(request_as(manager), queryset, touchpoint.pk, edit=True)
        assert found.stage.phase.journey.workshop.can_edit
    with pytest.raises(Http404):
        get_for_user(request_as(manager), queryset.exclude(pk=touchpoint.pk), touchpoint.pk)


@pytest.mark.parametrize("pk", [uuid.uuid4(), "not-a-uuid", None])
def test_missing_or_malformed_id_gets_404(pk, owned, facilitator):
    with pytest.raises(Http404):
        get_for_user(request_as(facilitator), Stage, pk)


def test_anonymous_user_gets_404(owned):
    with pytest.raises(Http404):
        get_for_user(request_as(AnonymousUser()), Workshop, owned[Workshop].pk)


def test_workshop_without_a_role_allows_nothing(workshop):
    fresh = Workshop.objects.get(pk=workshop.pk)
    assert not fresh.can_edit
    assert not fresh.can_facilitate
