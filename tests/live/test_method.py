import datetime

from live.method import kano_survey_name, prompts


def test_every_prompt_exists_in_finnish_and_english():
    assert set(prompts("fi")) == set(prompts("en"))
    assert all(text.strip() for text in [*prompts("fi").values(), *prompts("en").values()])


def test_prompts_follow_the_workshops_language():
    assert prompts("fi")["timer"] == "Aikaa keskustelulle"
    assert prompts("en")["timer"] == "Time for discussion"
    assert prompts("sv") == prompts("en")


def test_idea_keeps_its_authors_nickname():
    assert prompts("fi")["idea_by"].format(idea="Soita heti", nickname="Maija") == (
        "Soita heti (idea: Maija)"
    )


def test_kano_survey_name_writes_the_date_the_languages_way():
    day = datetime.date(2026, 3, 7)
    assert kano_survey_name("fi", day) == "Live-sessio 7.3.2026"
    assert kano_survey_name("en", day) == "Live session 2026-03-07"
