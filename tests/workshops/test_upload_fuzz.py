"""Every upload and import endpoint against generated malformed files: truncated, wrong type,
wrong encoding, too big, too many rows, nested, empty and zip bombs. Each must answer 4xx
with a message on the page and leave the database as it was; never a 500.

The endpoints are the views in the urls that take a file: the workshop JSON import, Kano
responses, the profitability upload (single files and the ZIP) and the follow-up value and
feedback imports. `test_every_file_endpoint_is_fuzzed` fails when a new one appears.
"""

import io
import json
import zipfile

import openpyxl
import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.urls import get_resolver, reverse

from kano.models import Survey

# --- the malformed files --------------------------------------------------------------------

HEADER = "respondent,factor,functional,dysfunctional\n"


def _xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


GOOD_XLSX = _xlsx([["respondent", "factor", "functional", "dysfunctional"], ["r1", "f", 1, 5]])


def _billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    good = _xlsx([["customer_id", "name"], ["x", "y"]])
    source = zipfile.ZipFile(io.BytesIO(good))
    members = {}
    for info in source.infolist():
        content = source.read(info)
        if info.filename == "xl/worksheets/sheet1.xml":
            body = content.split(b"?>", 1)[-1]
            body = body.replace(b">x<", b">&a9;<", 1)
            content = f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'.encode() + body
        members[info.filename] = content
    return _zip(members)


def _truncated_sheet() -> bytes:
    """A valid ZIP whose worksheet XML stops mid-way (a file cut while it was written)."""
    source = zipfile.ZipFile(io.BytesIO(GOOD_XLSX))
    members = {info.filename: source.read(info) for info in source.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    members["xl/worksheets/sheet1.xml"] = sheet[: len(sheet) // 2]
    return _zip(members)


def _many_members(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for number in range(count):
            archive.writestr(f"part{number}.csv", b"")
    return buffer.getvalue()


def _bad_crc_zip() -> bytes:
    data = bytearray(_zip({"customers.csv": b"customer_id,name\n" + b"A,Alpha\n" * 200}))
    at = data.find(b"A,Alpha") if b"A,Alpha" in data else 60
    data[at + 5] ^= 0xFF  # damage the compressed bytes: a bad CRC or an inflate error
    return bytes(data)


def _nested(depth: int) -> bytes:
    return b'{"schema_version": 1, "workshop": ' + b"[" * depth + b"]" * depth + b"}"


ZEROS = _zip({"xl/worksheets/sheet1.xml": b"\0" * (30 * 1024 * 1024)})

# (label, extension, content): the extension the file is sent with to a table endpoint.
MALFORMED = [
    ("empty", "csv", b""),
    ("only_spaces", "csv", b"   \n \n"),
    ("header_only_no_columns", "csv", b"\n\n\n"),
    ("png_image", "csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
    ("png_named_xlsx", "xlsx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
    ("pdf", "csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
    ("random_bytes", "csv", bytes((i * 7919) % 256 for i in range(5000))),
    ("nul_bytes", "csv", b"a,b\n\x00\x00\x00,\x00\n"),
    ("utf16_bom", "csv", (HEADER + "r1,Hinta,1,5\n").encode("utf-16")),
    ("utf16_no_bom", "csv", (HEADER + "r1,Hinta,1,5\n").encode("utf-16-le")),
    ("utf32_bom", "csv", (HEADER + "r1,Hinta,1,5\n").encode("utf-32")),
    ("cp1252_garbage", "csv", "äöå;€\n".encode("cp1252") + b"\x81;\x8d\n"),
    ("giant_field", "csv", b'a,b\n"' + b"x" * 200_000 + b'",1\n'),
    ("unclosed_quote", "csv", b'a,b\n"x,1\ny,2\n'),
    ("html_page", "csv", b"<!DOCTYPE html><html><body>Not a table</body></html>"),
    ("json_object", "csv", b'{"a": [1, 2, {"b": null}]}'),
    ("deep_json", "csv", _nested(100_000)),
    ("old_xls", "xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000),
    ("truncated_xlsx", "xlsx", GOOD_XLSX[: len(GOOD_XLSX) // 2]),
    ("truncated_xlsx_tail", "xlsx", GOOD_XLSX[:-200]),
    ("truncated_worksheet_xml", "xlsx", _truncated_sheet()),
    ("corrupt_xlsx", "xlsx", b"PK\x03\x04" + b"garbage" * 100),
    ("zip_without_workbook", "xlsx", _zip({"hello.txt": b"not a workbook"})),
    ("billion_laughs_xlsx", "xlsx", _billion_laughs()),
    ("zip_bomb_ratio", "xlsx", ZEROS),
    ("zip_many_members", "xlsx", _many_members(10_001)),
    ("zip_bad_crc", "xlsx", _bad_crc_zip()),
    ("gzip", "csv", b"\x1f\x8b\x08\x00" + b"\x00" * 100),
]

JSON_MALFORMED = [
    ("json_deeply_nested", _nested(100_000)),
    ("json_nested_50", _nested(50)),
    ("json_array_top", b"[1, 2, 3]"),
    ("json_null", b"null"),
    ("json_truncated", b'{"schema_version": 1, "workshop": {"name": "x"'),
    ("json_wrong_version", b'{"schema_version": 99, "workshop": {"name": "x"}}'),
    ("json_utf16", '{"schema_version": 1, "workshop": {"name": "x"}}'.encode("utf-16")),
    ("json_nan", b'{"schema_version": 1, "workshop": {"name": NaN}}'),
]

# --- the endpoints --------------------------------------------------------------------------


@pytest.fixture
def kano_survey(workshop):
    return Survey.objects.create(workshop=workshop, name="Fuzz round", status="open")


def _profitability_files(upload):
    data = {"groups": "10", "name": "Fuzz"}
    good = {
        "order_lines": b"customer_id,order_id,quantity,revenue,cogs\nA,a1,1,10,5\n",
        "activities": b"activity,cost_group,driver,cost\nHandling,order,orders,100\n",
    }
    for name, content in good.items():
        data[name] = SimpleUploadedFile(f"{name}.csv", content)
    data["customers"] = upload
    return data


ENDPOINTS = {
    "workshops:import": lambda ctx, upload: (
        reverse("workshops:import"),
        {"file": upload, "organisation": ctx["organisation"].pk},
    ),
    "kano:survey-upload": lambda ctx, upload: (
        reverse("kano:survey-upload", args=[ctx["survey"].pk]),
        {"file": upload},
    ),
    "profitability:upload (files)": lambda ctx, upload: (
        reverse("profitability:upload", args=[ctx["workshop"].pk]),
        _profitability_files(upload),
    ),
    "profitability:upload (zip)": lambda ctx, upload: (
        reverse("profitability:upload", args=[ctx["workshop"].pk]),
        {"groups": "10", "archive": upload},
    ),
    "followup:values-import": lambda ctx, upload: (
        reverse("followup:values-import", args=[ctx["workshop"].pk]),
        {"file": upload},
    ),
    "followup:feedback-import": lambda ctx, upload: (
        reverse("followup:feedback-import", args=[ctx["workshop"].pk]),
        {"file": upload},
    ),
}


def _filename(endpoint: str, extension: str) -> str:
    if endpoint == "workshops:import":
        return "workshop.json"
    if endpoint.endswith("(zip)"):
        return "model.zip"
    return f"data.{extension}"


def _counts() -> dict[str, int]:
    """Rows in every table, in one query: the fuzz posts hundreds of files."""
    tables = sorted({model._meta.db_table for model in apps.get_models()})
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {quote(t)}" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


@pytest.fixture
def post(client_for, facilitator, organisation, workshop, kano_survey):
    client = client_for(facilitator)
    ctx = {"organisation": organisation, "workshop": workshop, "survey": kano_survey}

    def send(endpoint: str, filename: str, content: bytes):
        url, data = ENDPOINTS[endpoint](ctx, SimpleUploadedFile(filename, content))
        before = _counts()
        response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
        assert _counts() == before, f"{endpoint}: the database changed"
        return response

    return send


def assert_refused_with_message(response):
    assert 400 <= response.status_code < 500, response.status_code
    text = response.text
    assert 'role="alert"' in text or 'class="errorlist' in text, "no message on the page"


CASES = {
    endpoint: [(label, extension, content) for label, extension, content in MALFORMED]
    for endpoint in ENDPOINTS
}
CASES["workshops:import"] += [(label, "json", content) for label, content in JSON_MALFORMED]


# One test per endpoint: its fixtures are built once, and a failure names every refused case.
@pytest.mark.parametrize("endpoint", list(CASES))
def test_malformed_files_are_refused_with_a_message_and_no_change(post, endpoint):
    failures = []
    for label, extension, content in CASES[endpoint]:
        try:
            assert_refused_with_message(post(endpoint, _filename(endpoint, extension), content))
        except AssertionError as error:
            failures.append(f"{label}: {error}")
    assert not failures, "\n".join(failures)


SMALL_LIMITS = {
    kind: {"bytes": 2000, "rows": 3, "unpacked_bytes": 10_000}
    for kind in (
        "workshop_json",
        "kano_responses",
        "profitability_file",
        "profitability_zip",
        "followup_table",
    )
}
HUGE = (HEADER + "r1,Hinta,1,5\n" * 400).encode()
MANY_ROWS = (HEADER + "".join(f"r{n},Hinta,1,5\n" for n in range(10))).encode()


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
@override_settings(UPLOAD_LIMITS=SMALL_LIMITS)
def test_file_over_the_byte_limit_is_refused_before_reading(post, endpoint):
    response = post(endpoint, _filename(endpoint, "csv"), HUGE)
    assert_refused_with_message(response)
    assert "the limit for this upload is 2.0" in response.text


@pytest.mark.parametrize(
    "endpoint",
    [name for name in ENDPOINTS if name not in ("workshops:import", "profitability:upload (zip)")],
)
@override_settings(UPLOAD_LIMITS=SMALL_LIMITS)
def test_file_over_the_row_limit_is_refused(post, endpoint):
    response = post(endpoint, _filename(endpoint, "csv"), MANY_ROWS)
    assert_refused_with_message(response)
    assert "3" in response.text


def test_every_file_endpoint_is_fuzzed():
    """A new URL whose name says upload or import must be added to ENDPOINTS."""
    names = set()
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        for name in resolver.reverse_dict:
            if isinstance(name, str) and ("upload" in name or "import" in name):
                names.add(f"{namespace}:{name}")
    fuzzed = {name.split(" ")[0] for name in ENDPOINTS}
    # The mapping step reads a file kept by feedback-import, which has already checked it.
    assert names - fuzzed == {"followup:feedback-import-map"}


def test_json_sizes_are_kept_small():
    # The deep JSON must stay a few hundred kB so the suite stays fast.
    assert len(_nested(100_000)) < 300_000
    assert json.loads(_nested(50))["schema_version"] == 1
