from django.urls import reverse

from segments.models import SelectionPhase
from tests.segments.conftest import in_english, post_field


def test_selection_worksheet_shows_the_five_phases_in_the_workshop_language(
    client_for, manager, workshop
):
    response = client_for(manager).get(reverse("segments:selection", args=[workshop.pk]))
    assert response.status_code == 200
    for name in (
        "Asiakastiedot kuntoon",
        "”Tekninen” ryhmittely",
        "Ryhmien arvo yritykselle",
        "Ryhmiin tutustuminen luovasti",
        "Valittujen ryhmien perusteellinen tutkiminen",
    ):
        assert name in response.text
    assert "menetetyt asiakkaat" in response.text
    assert workshop.selection_phases.count() == 5


def test_english_workshop_shows_english_phases(client_for, facilitator, en_workshop):
    response = client_for(facilitator).get(reverse("segments:selection", args=[en_workshop.pk]))
    assert "Customer data in order" in response.text
    assert "Studying the chosen groups in depth" in response.text


def test_phase_status_and_notes_autosave(client_for, manager, workshop):
    client = client_for(manager)
    phase = workshop.selection_phases.get(phase=2)
    assert post_field(client, "phase", phase, "status", "in_progress").status_code == 200
    assert post_field(client, "phase", phase, "notes", "Toimialoittain").status_code == 200
    phase.refresh_from_db()
    assert (phase.status, phase.notes) == ("in_progress", "Toimialoittain")
    assert post_field(client, "phase", phase, "status", "finished").status_code == 422


def test_phases_done_are_counted(client_for, manager, workshop):
    SelectionPhase.objects.filter(workshop=workshop, phase__in=[1, 2]).update(status="done")
    client = in_english(client_for(manager))
    response = client.get(reverse("segments:selection", args=[workshop.pk]))
    assert "2 of 5 phases done" in response.text


def test_key_questions_are_answered_per_segment(client_for, manager, workshop, segment):
    client = client_for(manager)
    response = client.get(reverse("segments:selection", args=[workshop.pk]))
    for question in (
        "Ovatko he kiinnostuneita",
        "parempi kuin kilpailevien",
        "suurempi kuin pyytämämme hinta",
        "riittävästi",
        "Tietävätkö he meistä",
        "faktoihin vai luuloihin",
    ):
        assert question in response.text
    assert (
        post_field(client, "segment", segment, "q_enough", "Noin 400 taloutta").status_code == 200
    )
    assert post_field(client, "segment", segment, "evidence", "beliefs").status_code == 200
    segment.refresh_from_db()
    assert (segment.q_enough, segment.evidence) == ("Noin 400 taloutta", "beliefs")


def test_viewer_reads_but_cannot_change_a_phase(client_for, viewer, workshop):
    client = client_for(viewer)
    assert client.get(reverse("segments:selection", args=[workshop.pk])).status_code == 200
    phase = workshop.selection_phases.get(phase=1)
    assert post_field(client, "phase", phase, "notes", "x").status_code == 403


def test_other_organisation_gets_404(client_for, outsider, workshop):
    client = client_for(outsider)
    assert client.get(reverse("segments:selection", args=[workshop.pk])).status_code == 404
    phase = workshop.selection_phases.get(phase=1)
    assert post_field(client, "phase", phase, "notes", "x").status_code == 404
