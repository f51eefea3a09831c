"""Money from integer cents, as each language writes it."""

from profitability.money import euros, format_money, format_share

NBSP = "\u00a0"


def test_finnish_money_has_spaces_and_a_decimal_comma():
    assert format_money(123456, "fi") == f"1{NBSP}234,56{NBSP}€"
    assert format_money(-123456789, "fi") == f"-1{NBSP}234{NBSP}567,89{NBSP}€"
    assert format_money(5, "fi") == f"0,05{NBSP}€"


def test_english_money_has_the_sign_first_and_commas():
    assert format_money(123456, "en") == "€1,234.56"
    assert format_money(-100, "en") == "-€1.00"


def test_whole_euros_round_half_away_from_zero():
    assert format_money(150, "en", decimals=False) == "€2"
    assert format_money(-150, "en", decimals=False) == "-€2"
    assert format_money(149, "fi", decimals=False) == f"1{NBSP}€"


def test_euros_are_exact_decimals():
    assert str(euros(123456)) == "1234.56"
    assert str(euros(-5)) == "-0.05"
    assert euros(None) is None


def test_shares():
    assert format_share(0.2, "en", 0) == f"20{NBSP}%"
    assert format_share(1.805, "fi") == f"180,5{NBSP}%"
    assert format_money(None) == "" and format_share(None) == ""
