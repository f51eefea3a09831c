"""Hand-computed allocations, one per kind of activity, and the reconciliation to the cent.

The customers and order lines below are shared by every case:

    customer  orders  lines  quantity  revenue  cogs    gross margin
    A         2       3      25        1500.00  550.00  950.00
    B         1       1      3         300.00   240.00  60.00
    C         1       1      2         200.00   210.00  -10.00
    total     4       5      30        2000.00  1000.00 1000.00
"""

from pathlib import Path

import numpy as np
import pytest

from profitability.engine import analyze_folder, split_cents

CUSTOMERS = "customer_id,name\nA,Alpha\nB,Beta\nC,Gamma\n"
ORDER_LINES = """customer_id,order_id,quantity,revenue,cogs
A,a1,10,600.00,100.00
A,a1,10,400.00,200.00
A,a2,5,500.00,250.00
B,b1,3,300.00,240.00
C,c1,2,200.00,210.00
"""
HEADER = "activity,cost_group,driver,cost,capacity,rate,resource,unit_time,unallocated\n"


def analyze_model(
    tmp_path: Path, activities: str, *, resources=None, drivers=None, customers=CUSTOMERS, groups=3
):
    files = {
        "customers.csv": customers,
        "order_lines.csv": ORDER_LINES,
        "activities.csv": HEADER + activities,
    }
    if resources:
        files["resources.csv"] = resources
    if drivers:
        files["customer_drivers.csv"] = drivers
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return analyze_folder(tmp_path, groups=groups)


def activity_costs(result, activity: str) -> dict[str, int]:
    """Cents of one activity per customer."""
    return {
        row["customer_id"]: row["activity_costs"][activity]
        for row in result.customers.iter_rows(named=True)
    }


def reconciles(result) -> bool:
    totals = result.totals
    customer_profit = int(result.customers.get_column("profit").sum())
    return (
        customer_profit == totals.customer_profit
        and customer_profit - totals.unused_capacity - totals.unallocated
        == totals.revenue - totals.cogs - totals.total_costs
        == totals.company_result
    )


def test_pool_spreads_cost_by_driver_quantity(tmp_path):
    # 400.00 over 4 orders = 100.00 per order: A 2 orders, B 1, C 1.
    result = analyze_model(tmp_path, "Order handling,order,orders,400.00,,,,,\n")
    assert activity_costs(result, "Order handling") == {"A": 20000, "B": 10000, "C": 10000}
    summary = result.activities.row(0, named=True)
    assert summary["kind"] == "pool"
    assert summary["driver_total"] == 4
    assert summary["rate"] == 100.0
    assert result.totals.activity_costs == 40000
    assert result.unused_capacity == []


def test_pool_with_capacity_reports_unused_capacity(tmp_path):
    # 600.00 for a capacity of 40 units = 15.00 per unit; customers use 30 units:
    # A 25 x 15 = 375.00, B 3 x 15 = 45.00, C 2 x 15 = 30.00; 10 units unused = 150.00.
    result = analyze_model(tmp_path, "Warehousing,product,quantity,600.00,40,,,,\n")
    assert activity_costs(result, "Warehousing") == {"A": 37500, "B": 4500, "C": 3000}
    [unused] = result.unused_capacity
    assert (unused.resource, unused.kind, unused.unit) == ("Warehousing", "activity", "quantity")
    assert (unused.capacity, unused.used, unused.unused, unused.cost) == (40, 30, 10, 15000)
    assert result.totals.unused_capacity == 15000
    assert result.totals.activity_costs == 45000
    assert reconciles(result)


def test_capacity_overrun_loads_more_than_the_cost_and_warns(tmp_path):
    # 60.00 for a capacity of 20 units = 3.00 per unit; customers use 30: 90.00 loaded,
    # unused capacity -30.00, and a warning.
    result = analyze_model(tmp_path, "Warehousing,product,quantity,60.00,20,,,,\n")
    assert activity_costs(result, "Warehousing") == {"A": 7500, "B": 900, "C": 600}
    assert result.unused_capacity[0].cost == -3000
    assert any("more than the capacity 20" in warning for warning in result.warnings)
    assert reconciles(result)


def test_given_rate_charges_per_driver_unit(tmp_path):
    # 2.50 per order line: A 3 lines = 7.50, B 2.50, C 2.50; the activity costs 12.50.
    result = analyze_model(tmp_path, "Picking,product,order_lines,,,2.50,,,\n")
    assert activity_costs(result, "Picking") == {"A": 750, "B": 250, "C": 250}
    assert result.activities.row(0, named=True)["cost"] == 1250
    assert result.totals.total_costs == 1250


def test_time_driven_activities_share_one_resource_and_report_unused_minutes(tmp_path):
    # Customer service costs 1000.00 for 1000 practical minutes = 1.00 per minute.
    # Order entry has two terms: 10 min per order + 2 min per line:
    #   A 2 x 10 + 3 x 2 = 26 min, B 10 + 2 = 12, C 12; 50 minutes.
    # Complaints: 30 min per complaint, B 3 complaints = 90 min, C 1 = 30 min; 120 minutes.
    # Used 170 minutes = 170.00; unused 830 minutes = 830.00.
    activities = (
        "Order entry,order,orders,,,,Customer service,10,\n"
        "Order entry,order,order_lines,,,,Customer service,2,\n"
        "Complaints,customer,complaints,,,,Customer service,30,\n"
    )
    result = analyze_model(
        tmp_path,
        activities,
        resources="resource,cost,practical_capacity\nCustomer service,1000.00,1000\n",
        drivers="customer_id,driver,quantity\nB,complaints,3\nC,complaints,1\n",
    )
    assert activity_costs(result, "Order entry") == {"A": 2600, "B": 1200, "C": 1200}
    assert activity_costs(result, "Complaints") == {"A": 0, "B": 9000, "C": 3000}
    [unused] = result.unused_capacity
    assert (unused.resource, unused.kind, unused.minutes, unused.cost) == (
        "Customer service",
        "resource",
        830,
        83000,
    )
    entry = result.activities.filter(result.activities["activity"] == "Order entry").row(
        0, named=True
    )
    assert entry["driver"] == "orders + order_lines"
    assert entry["driver_total"] == 50
    assert result.totals.total_costs == 100000
    assert reconciles(result)


def test_time_driven_resource_with_rate_per_minute(tmp_path):
    # Sales force: 1.50 per minute, 200 practical minutes (300.00). Visits 45 min each:
    # A 2 visits = 90 min = 135.00, B 1 visit = 45 min = 67.50; 65 minutes unused = 97.50.
    result = analyze_model(
        tmp_path,
        "Sales visits,customer,visits,,,,Sales force,45,\n",
        resources="resource,rate_per_minute,practical_capacity\nSales force,1.50,200\n",
        drivers="customer_id,driver,quantity\nA,visits,2\nB,visits,1\n",
    )
    assert activity_costs(result, "Sales visits") == {"A": 13500, "B": 6750, "C": 0}
    [unused] = result.unused_capacity
    assert (unused.minutes, unused.cost) == (65, 9750)
    assert result.totals.total_costs == 30000


def test_proportional_spread_on_revenue(tmp_path):
    # Marketing 100.00 in proportion to revenue 1500 : 300 : 200 = 75.00, 15.00, 10.00.
    result = analyze_model(tmp_path, "Marketing,overhead,revenue,100.00,,,,,\n")
    assert activity_costs(result, "Marketing") == {"A": 7500, "B": 1500, "C": 1000}
    summary = result.activities.row(0, named=True)
    assert summary["driver_total"] == 2000.0  # euros, not cents
    assert summary["rate"] == pytest.approx(0.05)


def test_proportional_spread_on_gross_margin_gives_no_share_to_a_negative_margin(tmp_path):
    # Administration 101.00 by gross margin: A 950, B 60, C -10 counts as 0; 1010 in all:
    # A 101 x 950 / 1010 = 95.00, B 101 x 60 / 1010 = 6.00, C 0.
    result = analyze_model(tmp_path, "Administration,overhead,gross_margin,101.00,,,,,\n")
    assert activity_costs(result, "Administration") == {"A": 9500, "B": 600, "C": 0}


def test_unallocated_cost_is_its_own_line_and_never_spread(tmp_path):
    # New business 250.00 is unallocated; Order handling 400.00 is spread as in the pool case.
    result = analyze_model(
        tmp_path,
        "New business,overhead,,250.00,,,,,yes\nOrder handling,order,orders,400.00,,,,,\n",
    )
    assert [(item.activity, item.cost) for item in result.unallocated] == [("New business", 25000)]
    assert result.activity_names == ["Order handling"]
    assert "New business" not in result.customers.get_column("activity_costs").struct.fields
    # Customers: gross margin 1000.00 - 400.00 = 600.00; company: 600.00 - 250.00 = 350.00.
    assert result.totals.customer_profit == 60000
    assert result.totals.unallocated == 25000
    assert result.totals.company_result == 35000


def test_pool_whose_driver_no_customer_has_becomes_unallocated(tmp_path):
    # Nobody has a complaint: the 80.00 cannot be traced to a customer.
    result = analyze_model(
        tmp_path,
        "Complaints,customer,complaints,80.00,,,,,\n",
        drivers="customer_id,driver,quantity\nA,complaints,0\n",
    )
    assert [(item.activity, item.cost) for item in result.unallocated] == [("Complaints", 8000)]
    assert "no customer has any complaints" in result.unallocated[0].reason
    assert result.totals.company_result == 100000 - 8000


def test_hundred_euros_split_three_ways_reconciles_to_the_cent(tmp_path):
    # 100.00 over three equal drivers: 33.333... each; the odd cent goes to the first
    # customer in the customers file (equal remainders): 33.34 + 33.33 + 33.33 = 100.00.
    result = analyze_model(
        tmp_path,
        "Credit checks,customer,checks,100.00,,,,,\n",
        drivers="customer_id,driver,quantity\nA,checks,1\nB,checks,1\nC,checks,1\n",
    )
    assert activity_costs(result, "Credit checks") == {"A": 3334, "B": 3333, "C": 3333}
    assert result.totals.activity_costs == 10000
    assert reconciles(result)


def test_full_model_reconciles_to_the_cent(tmp_path):
    # Costs entering the model: order handling 400.00 + warehousing 600.00 + picking 12.50
    # + customer service 1000.00 + marketing 100.00 + administration 101.00
    # + new business 250.00 = 2463.50. Company result = 2000.00 - 1000.00 - 2463.50 = -1463.50.
    # Customers carry: 400.00 + 450.00 + 12.50 + 170.00 + 100.00 + 101.00 = 1233.50;
    # customer profit = 1000.00 - 1233.50 = -233.50; unused capacity 150.00 + 830.00.
    activities = (
        "Order handling,order,orders,400.00,,,,,\n"
        "Warehousing,product,quantity,600.00,40,,,,\n"
        "Picking,product,order_lines,,,2.50,,,\n"
        "Order entry,order,orders,,,,Customer service,10,\n"
        "Order entry,order,order_lines,,,,Customer service,2,\n"
        "Complaints,customer,complaints,,,,Customer service,30,\n"
        "Marketing,overhead,revenue,100.00,,,,,\n"
        "Administration,overhead,gross_margin,101.00,,,,,\n"
        "New business,overhead,,250.00,,,,,yes\n"
    )
    result = analyze_model(
        tmp_path,
        activities,
        resources="resource,cost,practical_capacity\nCustomer service,1000.00,1000\n",
        drivers="customer_id,driver,quantity\nB,complaints,3\nC,complaints,1\n",
    )
    totals = result.totals
    assert totals.total_costs == 246350
    assert totals.activity_costs == 123350
    assert totals.customer_profit == -23350
    assert totals.unused_capacity == 15000 + 83000
    assert totals.unallocated == 25000
    assert totals.company_result == -146350
    assert reconciles(result)
    # A: 200.00 + 375.00 + 7.50 + 26.00 + 0 + 75.00 + 95.00 = 778.50; profit 950 - 778.50.
    a = result.customers.filter(result.customers["customer_id"] == "A").row(0, named=True)
    assert a["activity_costs_total"] == 77850
    assert a["profit"] == 17150
    assert (a["cost_product"], a["cost_order"], a["cost_customer"], a["cost_overhead"]) == (
        38250,
        22600,
        0,
        17000,
    )
    assert a["rank"] == 1


def test_split_cents_gives_leftover_cents_to_largest_remainders():
    # 10.00 by 1 : 2 : 4 -> quotas 142.857, 285.714, 571.429 cents; floors sum to 998,
    # the two cents left go to the largest remainders (.857 and .714).
    assert split_cents(1000, np.array([1, 2, 4])).tolist() == [143, 286, 571]


def test_split_cents_with_fractional_weights_sums_exactly():
    rng = np.random.default_rng(7)
    weights = rng.random(10_000) * 37.3
    shares = split_cents(123_456_789, weights)
    assert shares.sum() == 123_456_789
    exact = 123_456_789 * weights / weights.sum()
    assert np.abs(shares - exact).max() < 1


def test_split_cents_of_two_cents_over_three_equal_weights():
    assert split_cents(2, np.array([5, 5, 5])).tolist() == [1, 1, 0]
