"""A profitability model whose customers file carries attributes, for the segment rules.

The hand-computed case of tests/profitability/conftest.py (A: revenue 1500 €, gross margin
950 €, profit 300 €; B: 300 €, 60 €, -100 €; C: 200 €, -10 €, -150 €; company result -350 €)
with industry and employees columns. A's segment column names no workshop segment, B's is
empty, C's is "retail".
"""

import pytest

from segments import services
from tests.profitability.conftest import make_model

CUSTOMERS = (
    "customer_id,name,segment,industry,employees\n"
    "A,Alpha Oy,wholesale,Food,120\n"
    'B,Beta Ab,,Metal,"1 200"\n'
    "C,Gamma Ky,retail,food,5\n"
)
FOOD = [{"conditions": [{"attribute": "industry", "operator": "=", "value": "food"}]}]


@pytest.fixture(autouse=True)
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
def model(workshop, facilitator, food, retail):
    return make_model(workshop, facilitator, customers=CUSTOMERS)
