import random

from live.codes import ALPHABET, generate_code, looks_like_code, normalise_code


def test_alphabet_has_no_look_alikes():
    for confusing in "0O1IL":
        assert confusing not in ALPHABET
    assert len(set(ALPHABET)) == len(ALPHABET) == 31


def test_generated_code_is_six_characters_of_the_alphabet():
    rng = random.Random(7)
    for _ in range(200):
        code = generate_code(rng.choice)
        assert len(code) == 6
        assert set(code) <= set(ALPHABET)


def test_typed_code_ignores_case_spaces_and_dashes():
    assert normalise_code(" abc-234 ") == "ABC234"
    assert normalise_code("a b c 2 3 4") == "ABC234"


def test_code_with_a_look_alike_or_wrong_length_is_not_a_code():
    assert looks_like_code("ABC234")
    assert not looks_like_code("ABC0O1")
    assert not looks_like_code("ABC23")
    assert not looks_like_code("ABC2345")
