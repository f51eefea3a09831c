"""The method texts that translators edit (`<app>/texts/<language>.toml`) and their loader."""

import string
from pathlib import Path

import pytest

from workshops.method_texts import LANGUAGES, MethodTextError, MethodTexts, flat_keys

ROOT = Path(__file__).resolve().parents[2]
APPS = ("journey", "kano", "segments", "profitability", "live", "followup")


def placeholders(text) -> set[str]:
    if not isinstance(text, str):
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("app", APPS)
def test_every_key_exists_in_both_languages(app):
    texts = MethodTexts(ROOT / app / "texts")
    fi, en = (flat_keys(texts.catalogue(language)) for language in LANGUAGES)
    assert sorted(set(fi) - set(en)) == [], f"{app}: only in Finnish"
    assert sorted(set(en) - set(fi)) == [], f"{app}: only in English"
    empty = [key for key, text in {**fi, **en}.items() if not str(text).strip()]
    assert empty == [], f"{app}: empty texts"


@pytest.mark.parametrize("app", APPS)
def test_finnish_and_english_have_the_same_placeholders(app):
    texts = MethodTexts(ROOT / app / "texts")
    fi, en = (flat_keys(texts.catalogue(language)) for language in LANGUAGES)
    differ = [key for key in en if placeholders(fi.get(key)) != placeholders(en[key])]
    assert differ == []


def test_every_app_with_method_texts_is_checked():
    assert sorted(p.parent.parent.name for p in ROOT.glob("*/texts/en.toml")) == sorted(APPS)


def test_texts_follow_the_language_and_fall_back_to_english():
    texts = MethodTexts(ROOT / "live" / "texts")
    assert texts.get("prompts.timer", "fi") == "Aikaa keskustelulle"
    assert texts.get("prompts.timer", "fi-FI") == "Aikaa keskustelulle"
    assert texts.get("prompts.timer", "sv") == "Time for discussion"
    assert texts.get("prompts.idea_by", "en", idea="Call", nickname="Ann") == "Call (idea by Ann)"


def test_a_missing_key_names_the_file_and_the_key():
    texts = MethodTexts(ROOT / "live" / "texts")
    with pytest.raises(MethodTextError) as error:
        texts.get("prompts.no_such_prompt", "fi")
    assert "fi.toml" in str(error.value)
    assert "'prompts.no_such_prompt'" in str(error.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(MethodTextError, match=r"en\.toml: method text file is missing"):
        MethodTexts(tmp_path).get("title", "en")


def test_a_broken_file_names_the_file_and_the_line(tmp_path):
    (tmp_path / "en.toml").write_text('title = "unfinished\n', encoding="utf-8")
    with pytest.raises(MethodTextError, match=r"en\.toml: .*line 1"):
        MethodTexts(tmp_path).get("title", "en")


def test_a_table_where_a_text_is_expected_names_the_key(tmp_path):
    (tmp_path / "en.toml").write_text('[prompts]\ntimer = "Time"\n', encoding="utf-8")
    with pytest.raises(MethodTextError, match=r"en\.toml: method text 'prompts' is not a string"):
        MethodTexts(tmp_path).get("prompts", "en")


def test_a_wrong_placeholder_names_the_key(tmp_path):
    (tmp_path / "en.toml").write_text('title = "Hello {name}"\n', encoding="utf-8")
    with pytest.raises(MethodTextError, match=r"en\.toml: .*'title' has a bad placeholder"):
        MethodTexts(tmp_path).get("title", "en", nick="Ann")


def test_the_modules_keep_their_texts():
    from followup import method as followup
    from journey import method as journey
    from kano import questions
    from profitability import method as profitability
    from segments import method as segments
    from segments.naming import ranking_name_hint

    assert journey.default_stages("fi")[0][:2] == ("before", "Tarpeen tai mielihalun ilmeneminen")
    assert len(journey.default_stages("en")) == 12
    assert journey.phase_name("after", "en") == "After purchase"
    assert journey.prompt("notes", "sv").startswith("Other: the empty chair")
    assert questions.answer_choices("fi")[0] == (1, "Pidän siitä")
    assert questions.importance_question("en").startswith("How important is this to you?")
    assert profitability.action_label("protect", "fi") == "Suojele ja lisää arvoa"
    assert profitability.action_label("unknown", "fi") == "unknown"
    assert profitability.action_text("unknown", "en") == ""
    assert followup.scale_ends(10, "en") == ("Not at all likely", "Extremely likely")
    assert followup.link_channel("fi") == "Palautelinkki"
    assert segments.prompt("no_such_field", "en") == ""
    assert segments.DEFAULT_CRITERIA[0].name("fi") == "Myyntivolyymi"
    assert segments.car_dealer_example("en")["row_values"][2] == "SUV"
    assert segments.selection_phase_text(2, "en")[0] == "“Technical” grouping"
    assert ranking_name_hint("C customers", "en").startswith("This name seems to rank people.")
