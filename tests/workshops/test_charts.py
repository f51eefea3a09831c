import re

from journey.charts import emotion_curve_svg


def ids(svg):
    return set(re.findall(r'\bid="([^"]+)"', svg))


def test_two_charts_on_one_page_share_no_ids_and_references_stay_inside(db):
    first = emotion_curve_svg(["A", "B"], [1, 2], [2, 3], today_label="T", target_label="G")
    second = emotion_curve_svg(["C", "D"], [-1, 0], [1, 1], today_label="T", target_label="G")
    assert ids(first) and not ids(first) & ids(second)
    for svg in (first, second):
        for reference in re.findall(r"url\(#([^)]+)\)", svg):
            assert reference in ids(svg)
