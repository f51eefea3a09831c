from live.method import PROMPTS, prompts


def test_every_prompt_exists_in_finnish_and_english():
    for key, texts in PROMPTS.items():
        assert set(texts) == {"fi", "en"}, key
        assert all(text.strip() for text in texts.values()), key


def test_prompts_follow_the_workshops_language():
    assert prompts("fi")["timer"] == "Aikaa keskustelulle"
    assert prompts("en")["timer"] == "Time for discussion"
    assert prompts("sv") == prompts("en")


def test_idea_keeps_its_authors_nickname():
    assert prompts("fi")["idea_by"].format(idea="Soita heti", nickname="Maija") == (
        "Soita heti (idea: Maija)"
    )
