"""workshops.filereader, the one reader of uploaded CSV, XLSX and ZIP files. No database."""

import io
import zipfile

import openpyxl
import pytest

from workshops import filereader
from workshops.filereader import FileRefused, ZipLimits


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rows(data: bytes, filename: str = "f.csv", **options):
    return list(filereader.table_rows(data, filename, **options))


def test_utf8_bom_does_not_reach_the_first_header():
    assert rows("\ufeffnimi;määrä\nÄijä;3\n".encode()) == [
        (1, ["nimi", "määrä"]),
        (2, ["Äijä", "3"]),
    ]


@pytest.mark.parametrize(
    ("header", "delimiter"), [("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ("a;b,c;d", ";")]
)
def test_delimiter_is_the_one_the_header_holds_most_of(header, delimiter):
    assert filereader.sniff_delimiter(header) == delimiter


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_wide_encodings_are_refused_naming_the_encoding(encoding, name):
    data = "customer_id,name\nA,Alpha\n".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    with pytest.raises(FileRefused) as refused:
        rows(data)
    assert refused.value.code == "bad_encoding"
    assert f"The file is {name} text" in refused.value.message
    assert "UTF-8" in refused.value.message


def test_cp1252_is_read_when_not_utf8_and_fallback_is_on():
    data = "nimi;summa\nMäkinen;5 €\n".encode("cp1252")
    assert rows(data)[1] == (2, ["Mäkinen", "5 €"])


def test_bytes_cp1252_leaves_undefined_are_read_as_latin1():
    assert filereader.decode_text(b"a\x81b") == "a\x81b"


def test_without_fallback_non_utf8_is_refused_naming_the_row_and_byte():
    data = "a,b\nx,y\nMäkinen,1\n".encode("cp1252")
    with pytest.raises(FileRefused) as refused:
        rows(data, fallback=False)
    assert refused.value.row == 3
    assert refused.value.message.startswith("Row 3 is not UTF-8 text (byte 0xE4).")


def test_unclosed_quote_is_an_error_not_a_cell_holding_the_rest_of_the_file():
    with pytest.raises(FileRefused) as refused:
        rows(b'a,b\n"x,1\ny,2\n')
    assert "cannot be read" in refused.value.message


def test_xlsx_keeps_leading_empty_rows_and_columns_so_row_numbers_match():
    workbook = openpyxl.Workbook()
    workbook.active["B3"] = "name"
    workbook.active["B4"] = 12.0
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert rows(buffer.getvalue(), "f.xlsx")[2:] == [(3, ["", "name"]), (4, ["", "12"])]


def test_truncated_xlsx_is_refused():
    data = xlsx([["a", "b"], [1, 2]])
    with pytest.raises(FileRefused) as refused:
        rows(data[: len(data) // 2], "f.xlsx")
    assert refused.value.message == "The file is not a valid XLSX file."


def test_billion_laughs_xlsx_is_refused_without_expanding():
    source = zipfile.ZipFile(io.BytesIO(xlsx([["x"]])))
    buffer = io.BytesIO()
    laughs = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    with zipfile.ZipFile(buffer, "w") as out:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = content.split(b"?>", 1)[-1].replace(b">x<", b">&a9;<")
                content = f"<!DOCTYPE w [{laughs}]>".encode() + body
            out.writestr(info, content)
    with pytest.raises(FileRefused) as refused:
        rows(buffer.getvalue(), "f.xlsx")
    assert "damaged or truncated" in refused.value.message


def test_zip_limits_members_total_and_ratio():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.csv", b"\0" * 3_000_000)
        archive.writestr("b.csv", b"x")
    data = buffer.getvalue()
    assert len(filereader.check_zip(data, ZipLimits(max_ratio=5000))) == 2
    with pytest.raises(FileRefused, match=r"has 2 parts \(at most 1\); refused as a zip bomb"):
        filereader.check_zip(data, ZipLimits(max_members=1))
    with pytest.raises(FileRefused, match=r"would unpack to 2 MB \(at most 1 MB\)"):
        filereader.check_zip(data, ZipLimits(max_uncompressed=1024 * 1024))
    with pytest.raises(FileRefused, match=r"The part a.csv expands \d+ times \(at most 200\)"):
        filereader.check_zip(data)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0", "a PNG image"),
        (b"%PDF-1.7", "a PDF document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1", "an old Office document (XLS or DOC)"),
        (b"ab\x00cd", "a binary file"),
        (b"plain text", None),
        ("utf-16 text".encode("utf-16"), None),
    ],
)
def test_binary_kind_names_what_was_picked_by_mistake(data, kind):
    assert filereader.binary_kind(data) == kind


def test_png_chosen_as_a_table_is_refused():
    with pytest.raises(FileRefused) as refused:
        rows(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "f.csv")
    assert refused.value.message == "The file is not a CSV or XLSX file."
