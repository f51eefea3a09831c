"""kano.parsing: response files in, answer pairs or row-numbered errors out."""

import io
import zipfile

import openpyxl
import pytest

from kano import parsing
from kano.analysis import AnswerPair, analyze
from kano.parsing import MAX_ERRORS, parse_responses, response_template_csv


def csv_bytes(*lines, delimiter=",", encoding="utf-8"):
    return "\n".join(delimiter.join(line) for line in lines).encode(encoding) + b"\n"


HEADER = ("respondent", "factor", "functional", "dysfunctional")


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def only_error(parsed):
    assert parsed.pairs == []
    [error] = parsed.errors
    return error


def test_reads_comma_separated_numbers():
    parsed = parse_responses(
        csv_bytes(HEADER, ("r1", "Speed", "1", "5"), ("r2", "Speed", "2", "5")), "answers.csv"
    )
    assert parsed.errors == []
    assert [(p.respondent, p.factor, p.functional, p.dysfunctional) for p in parsed.pairs] == [
        ("r1", "Speed", 1, 5),
        ("r2", "Speed", 2, 5),
    ]
    assert parsed.pairs[0].importance is None
    assert parsed.attribute_columns == []


def test_reads_semicolon_separated_file_with_bom_and_crlf():
    data = b"\xef\xbb\xbf" + b"respondent;factor;functional;dysfunctional\r\nr1;Nopeus;3;4\r\n"
    parsed = parse_responses(data, "answers.csv")
    assert parsed.errors == []
    [pair] = parsed.pairs
    assert (pair.respondent, pair.factor, pair.functional, pair.dysfunctional) == (
        "r1",
        "Nopeus",
        3,
        4,
    )


def test_reads_finnish_headers_and_answer_words():
    data = csv_bytes(
        ("Vastaaja", "Tekijä", "Funktionaalinen", "Dysfunktionaalinen", "Tärkeys"),
        ("v1", "Selkeä lasku", "pidän siitä", "en pidä siitä", "8"),
        ("v2", "Selkeä lasku", " Odotan sitä ", "VOIN SIETÄÄ SEN", ""),
        ("v3", "Selkeä lasku", "edellytän sitä", "siedän sen", "1"),
        ("v4", "Selkeä lasku", "neutraali", "yhdentekevää", "9"),
        delimiter=";",
    )
    parsed = parse_responses(data, "vastaukset.csv")
    assert parsed.errors == []
    assert [(p.functional, p.dysfunctional, p.importance) for p in parsed.pairs] == [
        (1, 5, 8),
        (2, 4, None),
        (2, 4, 1),
        (3, 3, 9),
    ]
    assert parsed.pairs[0].factor == "Selkeä lasku"


def test_reads_english_answer_words_in_any_case():
    data = csv_bytes(
        ("RESPONDENT", "Factor", "functional", "Dysfunctional", "importance"),
        ("r1", "Speed", "I like it", "i dislike it", "5"),
        ("r2", "Speed", "  I EXPECT IT ", "I can live with it", "2"),
        ("r3", "Speed", "I am neutral", "I am neutral", ""),
    )
    parsed = parse_responses(data, "answers.csv")
    assert parsed.errors == []
    assert [(p.functional, p.dysfunctional) for p in parsed.pairs] == [(1, 5), (2, 4), (3, 3)]


def test_other_columns_become_respondent_attributes():
    data = csv_bytes(
        (*HEADER, "importance", "Segment", "Role"),
        ("r1", "Speed", "1", "5", "7", "Business", "Buyer"),
        ("r2", "Speed", "1", "3", "", "Consumer", ""),
    )
    parsed = parse_responses(data, "answers.csv")
    assert parsed.errors == []
    assert parsed.attribute_columns == ["Segment", "Role"]
    assert parsed.pairs[0].attributes == {"Segment": "Business", "Role": "Buyer"}
    assert parsed.pairs[1].attributes == {"Segment": "Consumer"}


def test_skips_blank_rows_and_keeps_spreadsheet_row_numbers():
    data = csv_bytes(HEADER, ("r1", "Speed", "1", "5"), ("", "", "", ""), ("r2", "Speed", "9", "5"))
    error = only_error(parse_responses(data, "answers.csv"))
    assert error.row == 4  # header 1, r1 on 2, blank 3, r2 on 4


def test_reads_xlsx_with_numbers_words_and_attributes():
    data = xlsx_bytes(
        [
            ("Respondent", "Factor", "Functional", "Dysfunctional", "Importance", "Segment"),
            (101, "Speed", 1, 5, 9, "Business"),
            (102, "Speed", "I expect it", "en pidä siitä", 3.0, "Consumer"),
            (103, "Speed", 3.0, 3, None, None),
            (None, None, None, None, None, None),
        ]
    )
    parsed = parse_responses(data, "answers.xlsx")
    assert parsed.errors == []
    assert parsed.attribute_columns == ["Segment"]
    assert [
        (p.respondent, p.functional, p.dysfunctional, p.importance, p.attributes)
        for p in parsed.pairs
    ] == [
        ("101", 1, 5, 9, {"Segment": "Business"}),
        ("102", 2, 5, 3, {"Segment": "Consumer"}),
        ("103", 3, 3, None, {}),
    ]


def test_xlsx_errors_name_row_and_column():
    data = xlsx_bytes([HEADER, ("r1", "Speed", 1, 5), ("r2", "Speed", 1, "maybe")])
    error = only_error(parse_responses(data, "answers.xlsx"))
    assert (error.row, error.column, error.value, error.code) == (
        3,
        "dysfunctional",
        "maybe",
        "unknown_answer",
    )
    assert "Row 3, column 'dysfunctional'" in error.message


def test_parsed_file_gives_the_figures_of_the_analysis():
    # Two respondents: (1,5) = O and (2,5) = M; Worse = -(1 + 1) / 2 = -1.0.
    data = csv_bytes(HEADER, ("r1", "Speed", "1", "5"), ("r2", "Speed", "2", "5"))
    [result] = analyze(parse_responses(data, "answers.csv").pairs)
    assert result.counts["O"] == 1 and result.counts["M"] == 1
    assert result.worse == -1.0


def test_unknown_answer_names_row_column_and_value():
    data = csv_bytes(HEADER, ("r1", "Speed", "1", "5"), ("r2", "Speed", "I love it", "5"))
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.column, error.value, error.code) == (
        3,
        "functional",
        "I love it",
        "unknown_answer",
    )
    assert error.message.startswith("Row 3, column 'functional': 'I love it' is not an answer")
    assert "I like it" in error.message


def test_answer_six_is_unknown():
    data = csv_bytes(HEADER, ("r1", "Speed", "1", "6"))
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.column, error.code) == (2, "dysfunctional", "unknown_answer")


@pytest.mark.parametrize("value", ["0", "10", "high", "2.5"])
def test_importance_outside_1_to_9_is_an_error(value):
    data = csv_bytes((*HEADER, "Tärkeys"), ("r1", "Speed", "1", "5", value))
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.column, error.value, error.code) == (
        2,
        "Tärkeys",
        value,
        "importance_range",
    )
    assert "Row 2, column 'Tärkeys'" in error.message
    assert "1 to 9" in error.message


def test_missing_required_columns_are_named_on_row_1():
    data = csv_bytes(("respondent", "factor", "functional", "segment"), ("r1", "Speed", "1", "x"))
    parsed = parse_responses(data, "answers.csv")
    error = only_error(parsed)
    assert (error.row, error.column, error.code) == (1, "dysfunctional", "missing_column")
    assert "Row 1: the required column 'dysfunctional' is missing" in error.message


def test_every_missing_column_is_listed():
    parsed = parse_responses(csv_bytes(("name", "answer"), ("r1", "1")), "answers.csv")
    assert [(e.row, e.column) for e in parsed.errors] == [
        (1, "respondent"),
        (1, "factor"),
        (1, "functional"),
        (1, "dysfunctional"),
    ]


def test_missing_half_of_a_pair_is_an_error():
    data = csv_bytes(HEADER, ("r1", "Speed", "1", "5"), ("r7", "Price", "2", ""))
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.column, error.code) == (3, "dysfunctional", "missing_half")
    assert error.message == (
        "Row 3, column 'dysfunctional': respondent 'r7' has no dysfunctional answer for factor "
        "'Price'; both halves of the pair are needed."
    )


def test_missing_functional_half_is_an_error():
    data = csv_bytes(HEADER, ("r1", "Speed", " ", "5"))
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.column, error.code) == (2, "functional", "missing_half")


def test_missing_respondent_is_an_error():
    data = csv_bytes(HEADER, ("", "Speed", "1", "5"))
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.column, error.code) == (2, "respondent", "missing_value")


def test_duplicated_respondent_factor_row_names_both_rows():
    data = csv_bytes(
        HEADER, ("r1", "Speed", "1", "5"), ("r1", "Price", "1", "5"), ("r1", "Speed", "2", "5")
    )
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.column, error.value, error.code) == (
        4,
        "factor",
        "Speed",
        "duplicate_row",
    )
    assert error.message == (
        "Row 4, column 'factor': respondent 'r1' already answered factor 'Speed' on row 2; "
        "keep one row."
    )


def test_tab_separated_file_is_refused_with_the_accepted_delimiters():
    data = csv_bytes(HEADER, ("r1", "Speed", "1", "5"), delimiter="\t")
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.column, error.code) == (1, "", "bad_delimiter")
    assert "Row 1: the header has a single column; the file seems to use tabs" in error.message
    assert "comma (,) or a semicolon (;)" in error.message


def test_file_that_is_not_utf8_is_refused_with_the_row():
    data = csv_bytes(HEADER, ("r1", "Speed", "1", "5"), ("r2", "Hinta-laatusuhde", "2", "5"))
    data += "r3,Selkeä lasku,1,5\n".encode("cp1252")
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.column, error.code) == (4, "", "bad_encoding")
    assert error.message.startswith("Row 4 is not UTF-8 text (byte 0xE4).")
    assert "0xE4" in error.message
    assert error.value == "r3,Selke\ufffd lasku,1,5"  # the row as far as it can be shown


def test_utf16_file_is_refused():
    data = "respondent,factor,functional,dysfunctional\n".encode("utf-16")
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.code) == (1, "bad_encoding")
    assert "The file is UTF-16 text" in error.message


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_empty_file_is_refused(data):
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.code, error.message) == (1, "empty_file", "The file is empty.")


def test_header_without_answers_is_refused():
    error = only_error(parse_responses(csv_bytes(HEADER), "answers.csv"))
    assert (error.row, error.code) == (2, "empty_file")
    assert error.message == "The file has a header but no answer rows."


def test_empty_xlsx_is_refused():
    error = only_error(parse_responses(xlsx_bytes([]), "answers.xlsx"))
    assert (error.row, error.code) == (1, "empty_file")


def test_all_errors_are_collected_in_one_pass():
    data = csv_bytes(
        (*HEADER, "importance"),
        ("r1", "Speed", "x", "5", "1"),
        ("r2", "Speed", "1", "5", "12"),
        ("r3", "Speed", "1", "", "1"),
    )
    parsed = parse_responses(data, "answers.csv")
    assert parsed.pairs == []
    assert [(e.row, e.column, e.code) for e in parsed.errors] == [
        (2, "functional", "unknown_answer"),
        (3, "importance", "importance_range"),
        (4, "dysfunctional", "missing_half"),
    ]


def test_errors_stop_at_the_limit_with_a_summary():
    rows = [(f"r{i}", "Speed", "x", "5") for i in range(MAX_ERRORS + 10)]
    parsed = parse_responses(csv_bytes(HEADER, *rows), "answers.csv")
    assert len(parsed.errors) == MAX_ERRORS + 1
    assert parsed.errors[MAX_ERRORS - 1].row == MAX_ERRORS + 1
    summary = parsed.errors[-1]
    assert (summary.code, summary.row) == ("too_many_errors", MAX_ERRORS + 11)
    assert summary.message.startswith("10 more errors up to row 61")


def test_row_with_more_cells_than_the_header_is_an_error():
    data = csv_bytes(HEADER, ("r1", "Speed", "1", "5", "3"))
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.code, error.value) == (2, "extra_cells", "3")
    assert error.message.startswith("Row 2 has 5 cells but the header has 4 columns")


def test_duplicated_column_is_an_error():
    data = csv_bytes((*HEADER, "Functional"), ("r1", "Speed", "1", "5", "2"))
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.column, error.code) == (1, "Functional", "duplicate_column")


def test_old_excel_format_is_refused():
    error = only_error(parse_responses(b"\xd0\xcf\x11\xe0" + b"\0" * 100, "answers.xls"))
    assert error.code == "unsupported_format"
    assert "XLSX" in error.message


def test_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    error = only_error(parse_responses(buffer.getvalue(), "answers.xlsx"))
    assert (error.row, error.code) == (1, "bad_file")


def test_broken_xlsx_is_refused():
    error = only_error(parse_responses(b"PK\x03\x04 broken", "answers.xlsx"))
    assert error.code == "bad_file"
    assert error.message == "The file is not a valid XLSX file."


def test_xlsx_with_an_absurd_compression_ratio_is_refused_before_opening():
    # 20 MB of zeros deflate to about 20 kB: a ratio near 1000:1.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    error = only_error(parse_responses(buffer.getvalue(), "answers.xlsx"))
    assert error.code == "too_large"
    assert "expands 1028 times (at most 200); refused as a zip bomb" in error.message


def test_xlsx_that_unpacks_too_big_is_refused(monkeypatch):
    monkeypatch.setattr(parsing, "ZIP_LIMITS", parsing.filereader.ZipLimits(max_uncompressed=1000))
    data = xlsx_bytes([HEADER, ("r1", "Speed", 1, 5)])
    error = only_error(parse_responses(data, "answers.xlsx"))
    assert error.code == "too_large"
    assert "(at most 0 MB); refused as a zip bomb" in error.message


def test_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_FILE_BYTES", 10)
    error = only_error(parse_responses(csv_bytes(HEADER), "answers.csv"))
    assert (error.row, error.code) == (1, "too_large")


@pytest.mark.parametrize("language", ["en", "fi"])
def test_template_is_a_valid_response_file(language):
    data = response_template_csv(language=language)
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = parse_responses(data, "template.csv")
    assert parsed.errors == []
    assert [(p.functional, p.dysfunctional) for p in parsed.pairs] == [
        (1, 4),
        (2, 5),
        (1, 5),
        (2, 4),
    ]
    assert parsed.attribute_columns == (["segment"] if language == "en" else ["segmentti"])


def test_more_rows_than_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_ROWS", 2)
    rows = [(f"r{i}", "Speed", "1", "5") for i in range(3)]
    error = only_error(parse_responses(csv_bytes(HEADER, *rows), "answers.csv"))
    assert (error.row, error.code) == (4, "too_large")
    assert error.message == "Row 4: the file has more than 2 answer rows."


def test_empty_header_row_is_refused():
    data = b"\n" + csv_bytes(("r1", "Speed", "1", "5"))
    error = only_error(parse_responses(data, "answers.csv"))
    assert (error.row, error.code) == (1, "missing_column")
    assert error.message.startswith("Row 1 is empty; it must be the header")


def test_parsed_pairs_equal_validated_pairs_and_copy_independently():
    data = csv_bytes(
        (*HEADER, "segment"), ("r1", "Speed", "1", "5", "B"), ("r2", "Speed", "2", "5", "")
    )
    first, second = parse_responses(data, "answers.csv").pairs
    assert first == AnswerPair(
        respondent="r1", factor="Speed", functional=1, dysfunctional=5, attributes={"segment": "B"}
    )
    changed = second.model_copy(update={"importance": 3})
    assert changed.importance == 3 and second.importance is None
    assert first.model_dump(exclude_unset=True)["attributes"] == {"segment": "B"}


def test_file_without_any_delimiter_is_refused():
    error = only_error(parse_responses(b"respondent factor functional\nr1 Speed 1\n", "a.csv"))
    assert (error.row, error.code) == (1, "bad_delimiter")
    assert "seems to use neither commas nor semicolons" in error.message


def test_opendocument_spreadsheet_is_refused_as_unsupported():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    error = only_error(parse_responses(buffer.getvalue(), "answers.ods"))
    assert error.code == "unsupported_format"


def test_decomposed_and_ascii_spellings_of_finnish_words_match():
    # "a" + combining diaeresis, as macOS may write "ä"; and "siita" typed without dots.
    data = csv_bytes(
        ("vastaaja", "tekija", "funktionaalinen", "dysfunktionaalinen", "Ta\u0308rkeys"),
        ("v1", "Hinta", "pida\u0308n siita\u0308", "en pida siita", "4"),
    )
    parsed = parse_responses(data, "vastaukset.csv")
    assert parsed.errors == []
    [pair] = parsed.pairs
    assert (pair.functional, pair.dysfunctional, pair.importance) == (1, 5, 4)
