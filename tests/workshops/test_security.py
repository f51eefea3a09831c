import subprocess
import sys
from pathlib import Path

from django.test import Client
from django.urls import reverse

from journey.models import Stage, Touchpoint
from journey.worksheet import value_version
from tests.conftest import HTMX

PAYLOAD = (
    '<script>alert(1)</script><img src=x onerror="alert(2)">'
    '<div hx-get="/evil" hx-on:click="alert(3)">x</div>'
)


def test_htmx_post_without_csrf_token_is_refused(manager, stage):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    response = client.post(
        reverse("journey:stage-field-save", args=[stage.pk, "need"]),
        {"need": "x", "base_version": value_version("")},
        headers=HTMX,
    )
    assert response.status_code == 403
    stage.refresh_from_db()
    assert stage.need == ""


def test_htmx_post_with_csrf_header_is_accepted(manager, stage):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    page = client.get(reverse("journey:stage", args=[stage.pk]))
    token = page.context["csrf_token"]
    response = client.post(
        reverse("journey:stage-field-save", args=[stage.pk, "need"]),
        {"need": "x", "base_version": value_version("")},
        headers={**HTMX, "X-CSRFToken": str(token)},
    )
    assert response.status_code == 200


def _assert_escaped(html: str):
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert 'hx-get="/evil"' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_user_text_shows_as_text_on_worksheet_map_and_history(client_for, manager, stage):
    client = client_for(manager)
    for field in ("expectation", "customer_does", "target_level"):
        client.post(
            reverse("journey:stage-field-save", args=[stage.pk, field]),
            {field: PAYLOAD, "base_version": value_version("")},
            headers=HTMX,
        )
    Stage.objects.filter(pk=stage.pk).update(name=PAYLOAD[:150])
    Touchpoint.objects.create(stage=stage, description=PAYLOAD)
    journey = stage.phase.journey
    for url in (
        reverse("journey:stage", args=[stage.pk]),
        reverse("journey:map", args=[journey.pk]),
        reverse("journey:history", args=[stage.pk]),
        reverse("journey:detail", args=[journey.pk]),
        reverse("workshops:dashboard", args=[journey.workshop_id]),
    ):
        _assert_escaped(client.get(url).text)


def test_emotion_curve_svg_escapes_stage_names(client_for, manager, stage):
    Stage.objects.filter(pk=stage.pk).update(name="<script>x</script> $x^2$", experience_today=1)
    html = client_for(manager).get(reverse("journey:map", args=[stage.phase.journey_id])).text
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        "SECRET_KEY": "x" * 60 + "-production-like-secret-key-for-check",
        "ALLOWED_HOSTS": "arvopolku.example.com",
        "DEBUG": "0",
        "ARVOPOLKU_DATA_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_pages_send_a_content_security_policy(client_for, manager, stage):
    response = client_for(manager).get(reverse("journey:stage", args=[stage.pk]))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy
