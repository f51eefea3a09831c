"""Consensus mode: the team assigns a category to a factor directly, with a note."""

from django.urls import reverse

from kano.models import ConsensusClassification
from tests.conftest import HTMX


def test_manager_classifies_a_factor_with_a_note(en_client_for, manager, factors):
    response = en_client_for(manager).post(
        reverse("kano:consensus-add", args=[factors[0].workshop_id]),
        {
            "factor": str(factors[0].pk),
            "category": "M",
            "note": "Ilman tätä asiakas lähtee",
            "date": "2025-05-01",
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Ilman tätä asiakas lähtee" in response.text
    item = ConsensusClassification.objects.get()
    assert (item.factor, item.category, item.by, item.by_name) == (factors[0], "M", manager, "bob")


def test_invalid_category_gets_422(en_client_for, manager, factors):
    response = en_client_for(manager).post(
        reverse("kano:consensus-add", args=[factors[0].workshop_id]),
        {"factor": str(factors[0].pk), "category": "X", "date": "2025-05-01"},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert not ConsensusClassification.objects.exists()


def test_factor_of_another_workshop_cannot_be_classified(
    en_client_for, facilitator, factors, en_factors
):
    response = en_client_for(facilitator).post(
        reverse("kano:consensus-add", args=[factors[0].workshop_id]),
        {"factor": str(en_factors[0].pk), "category": "M", "date": "2025-05-01"},
    )
    assert response.status_code == 422
    assert not ConsensusClassification.objects.exists()


def test_page_lists_latest_per_factor_and_history(en_client_for, viewer, factors):
    ConsensusClassification.objects.create(
        factor=factors[0], category="A", note="vanha", date="2024-01-01"
    )
    ConsensusClassification.objects.create(
        factor=factors[0], category="O", note="uusi", date="2025-01-01"
    )
    response = en_client_for(viewer).get(reverse("kano:consensus", args=[factors[0].workshop_id]))
    assert response.status_code == 200
    assert [(c.category, c.note) for c in response.context["latest"]] == [("O", "uusi")]
    assert "vanha" in response.text
    assert "Classify a factor" not in response.text  # the viewer only reads


def test_delete_classification(en_client_for, manager, factors):
    item = ConsensusClassification.objects.create(factor=factors[0], category="A")
    response = en_client_for(manager).post(
        reverse("kano:consensus-delete", args=[item.pk]), headers=HTMX
    )
    assert response.status_code == 200
    assert not ConsensusClassification.objects.exists()


def test_viewer_gets_403_and_outsider_404(en_client_for, viewer, outsider, factors):
    item = ConsensusClassification.objects.create(factor=factors[0], category="A")
    add = reverse("kano:consensus-add", args=[factors[0].workshop_id])
    data = {"factor": str(factors[0].pk), "category": "M", "date": "2025-05-01"}
    delete = reverse("kano:consensus-delete", args=[item.pk])
    assert en_client_for(viewer).post(add, data).status_code == 403
    assert en_client_for(viewer).post(delete).status_code == 403
    assert en_client_for(outsider).post(add, data).status_code == 404
    assert en_client_for(outsider).post(delete).status_code == 404
    assert ConsensusClassification.objects.count() == 1


def test_methods(en_client_for, manager, factors):
    client = en_client_for(manager)
    assert (
        client.get(reverse("kano:consensus-add", args=[factors[0].workshop_id])).status_code == 405
    )
    assert client.post(reverse("kano:consensus", args=[factors[0].workshop_id])).status_code == 405
