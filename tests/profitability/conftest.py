"""Profitability fixtures: a hand-computed model small enough to check on paper.

    customer  orders  quantity  revenue  cogs    gross margin
    A Alpha   2       25        1500.00  550.00  950.00
    B Beta    1       3         300.00   240.00  60.00
    C Gamma   1       2         200.00   210.00  -10.00

Activities: order handling 400.00 over 4 orders (100.00 an order); warehousing 600.00 with a
practical capacity of 40 units (15.00 a unit, 30 used, 150.00 unused); marketing 100.00 in
proportion to revenue (5 %); new business 250.00 unallocated.

    A: 950.00 - (200.00 + 375.00 + 75.00) =  300.00
    B:  60.00 - (100.00 +  45.00 + 15.00) = -100.00
    C: -10.00 - (100.00 +  30.00 + 10.00) = -150.00
    customer profit 50.00 - unused 150.00 - unallocated 250.00 = company result -350.00
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from profitability.services import UploadedFile, import_model

CUSTOMERS = "customer_id,name,segment\nA,Alpha Oy,wholesale\nB,Beta Ab,retail\nC,Gamma Ky,retail\n"
ORDER_LINES = """customer_id,order_id,quantity,revenue,cogs
A,a1,10,600.00,100.00
A,a1,10,400.00,200.00
A,a2,5,500.00,250.00
B,b1,3,300.00,240.00
C,c1,2,200.00,210.00
"""
ACTIVITIES = """activity,cost_group,driver,cost,capacity,rate,resource,unit_time,unallocated
Order handling,order,orders,400.00,,,,,
Warehousing,product,quantity,600.00,40,,,,
Marketing,overhead,revenue,100.00,,,,,
New business,overhead,,250.00,,,,,yes
"""
MODEL_FILES = {"customers": CUSTOMERS, "order_lines": ORDER_LINES, "activities": ACTIVITIES}


def upload_data(groups=10, **files):
    """POST data for the upload view: the hand-computed files, with ``files`` replacing some
    (a value of None leaves that file out; bytes are sent as they are)."""
    contents = {**MODEL_FILES, **files}
    data = {"groups": str(groups), "name": "Hand case"}
    for name, content in contents.items():
        if content is None:
            continue
        if isinstance(content, tuple):
            filename, content = content
        else:
            filename = f"{name}.csv"
        raw = content.encode() if isinstance(content, str) else content
        data[name] = SimpleUploadedFile(filename, raw)
    return data


def zip_bytes(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Parquet folders go to a temporary MEDIA_ROOT, never to the developer's data."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def en_client_for(db):
    """A signed-in client whose UI language is English (the tests read English labels)."""

    def login(user):
        client = Client()
        client.cookies["django_language"] = "en"
        client.force_login(user)
        return client

    return login


def make_model(workshop, by, *, customers=CUSTOMERS, activities=ACTIVITIES, extra=None, groups=10):
    files = {
        "customers": UploadedFile("customers.csv", customers.encode()),
        "order_lines": UploadedFile("order_lines.csv", ORDER_LINES.encode()),
        "activities": UploadedFile("activities.csv", activities.encode()),
    }
    for name, text in (extra or {}).items():
        files[name] = UploadedFile(f"{name}.csv", text.encode())
    return import_model(workshop=workshop, files=files, by=by, groups=groups, name="Hand case")


@pytest.fixture
def pm(workshop, facilitator):
    return make_model(workshop, facilitator)
