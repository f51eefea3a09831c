"""The customers file's other columns are kept per customer (for the segment rules)."""

from profitability.models import CustomerResult
from profitability.services import rerun_analysis

from .conftest import make_model

CUSTOMERS = (
    "customer_id,name,segment,industry,employees\n"
    "A,Alpha,x,Food,120\nB,Beta,,Metal,\nC,Gamma,y,,5\n"
)


def attributes(pm):
    return dict(CustomerResult.objects.filter(model=pm).values_list("customer_id", "attributes"))


def test_other_columns_are_kept_as_text(workshop, facilitator):
    pm = make_model(workshop, facilitator, customers=CUSTOMERS)
    assert attributes(pm) == {
        "A": {"industry": "Food", "employees": "120"},
        "B": {"industry": "Metal", "employees": None},
        "C": {"industry": None, "employees": "5"},
    }


def test_a_rerun_keeps_them(workshop, facilitator):
    pm = make_model(workshop, facilitator, customers=CUSTOMERS)
    rerun_analysis(pm=pm, groups=3)
    assert attributes(pm)["A"] == {"industry": "Food", "employees": "120"}


def test_a_file_without_other_columns_gives_empty_attributes(pm):
    assert set(map(str, attributes(pm).values())) == {"{}"}
