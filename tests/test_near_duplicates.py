"""MinHash signatures and the LSH index of near-duplicates (wire copies)."""

from __future__ import annotations

import pickle

import pytest

from storyline.near_duplicates import NearDuplicateIndex, Signer, estimated_jaccard

REPORT = (
    "The regional ferry Sula Marren ran aground on a rocky ledge near the island of Vask early "
    "on Friday morning, and coastguard boats took all of its passengers ashore within five hours "
    "while divers checked the damaged hull for leaking fuel and the operator suspended its "
    "timetable for the rest of the week."
).split()


def test_a_copy_with_one_word_changed_is_found_and_an_unrelated_text_is_not() -> None:
    sign = Signer()
    index = NearDuplicateIndex(threshold=0.7)
    index.add("wire", sign.sign_words(REPORT))
    copy = list(REPORT)
    copy[-3] = "month"
    assert index.original_of(sign.sign_words(copy)) == "wire"
    other = "Parliament passed the harbour budget after a long debate on Monday evening".split()
    assert index.original_of(sign.sign_words(other)) is None


def test_the_earliest_original_is_named_when_several_match() -> None:
    sign = Signer()
    index = NearDuplicateIndex()
    index.add("first", sign.sign_words(REPORT))
    index.add("second", sign.sign_words(REPORT))
    assert index.original_of(sign.sign_words(REPORT)) == "first"
    assert len(index) == 2


def test_estimated_jaccard_is_one_for_equal_texts_and_low_for_different_ones() -> None:
    sign = Signer()
    assert estimated_jaccard(sign.sign_words(REPORT), sign.sign_words(REPORT)) == 1.0
    reversed_text = sign.sign_words(list(reversed(REPORT)))
    assert estimated_jaccard(sign.sign_words(REPORT), reversed_text) < 0.2


def test_signers_pickle_and_sign_alike_after_the_trip() -> None:
    sign = Signer()
    before = sign.sign_words(REPORT)
    assert pickle.loads(pickle.dumps(sign)).sign_words(REPORT) == before
    assert pickle.loads(pickle.dumps(Signer())).sign_words(REPORT) == before


@pytest.mark.parametrize("words", [[], ["one"], ["two", "words"]])
def test_short_texts_still_get_a_signature(words: list[str]) -> None:
    assert len(Signer(num_perm=16).sign_words(words)) == 16 * 4


def test_a_signature_of_the_wrong_length_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="must have 64 values; got 16"):
        NearDuplicateIndex().original_of(Signer(num_perm=16).sign_words(REPORT))


def test_case_white_space_and_typographic_punctuation_do_not_change_a_signature() -> None:
    sign = Signer()
    plain = 'The mayor said "we will rebuild the pier" - and the council agreed, it\'s done.'
    typeset = "THE MAYOR  said “we will rebuild the pier” — and the council agreed, it’s done."
    assert sign.sign_text(plain) == sign.sign_text(typeset)
    assert sign.sign_text(plain) != sign.sign_text(plain.replace("pier", "quay"))


def test_words_of_other_scripts_are_words() -> None:
    sign = Signer()
    german = "Die Fähre lief am Freitag früh vor der Insel Vask auf einen Felsen."
    russian = "Паром сел на мель у острова Васк рано утром в пятницу."
    assert (
        estimated_jaccard(sign.sign_text(german), sign.sign_text(german + " Alle gerettet.")) > 0.5
    )
    assert estimated_jaccard(sign.sign_text(russian), sign.sign_text(german)) < 0.2
    assert sign.sign_text("...!?") == sign.sign_text("")


def test_a_lone_surrogate_is_a_character_of_its_word_not_an_error() -> None:
    sign = Signer()
    text = "The council said the bridge \ud800 would stay closed for eight more months."
    signature = sign.sign_text(text)
    assert len(signature) == 4 * sign.num_perm
    assert signature != sign.sign_text(text.replace(" \ud800", ""))
    assert estimated_jaccard(signature, sign.sign_text(text.replace("\ud800", "\udc80"))) < 1.0


def test_a_removed_article_is_no_longer_an_original_and_the_order_holds() -> None:
    sign = Signer()
    index = NearDuplicateIndex()
    index.add("first", sign.sign_words(REPORT))
    index.add("second", sign.sign_words(REPORT))
    index.remove("first")
    index.remove("never-added")  # nothing to do
    assert index.original_of(sign.sign_words(REPORT)) == "second"
    index.add("third", sign.sign_words(REPORT))  # added after: still later than "second"
    assert index.original_of(sign.sign_words(REPORT)) == "second"
    index.remove("second")
    index.remove("third")
    assert index.original_of(sign.sign_words(REPORT)) is None
    assert len(index) == 0


def test_a_chinese_copy_with_a_word_changed_is_still_near() -> None:
    # Chinese is written without spaces: as a clause used to be one word, two changed words
    # changed every shingle (Jaccard 0.0); as pairs of characters, the copy stays near.
    sign = Signer()
    report = (
        "朝鲜最高领导人金正恩乘坐的专列周二上午抵达中越边境的越南同登站，随后他改乘汽车前往河内。"
        "金正恩将在河内与美国总统特朗普举行第二次首脑会晤。会晤定于27日和28日举行。"
    )
    edited = report.replace("周二上午", "周二早上").replace("汽车", "轿车")
    other = "中国地震台网测定，周一晚间四川省宜宾市发生5.8级地震，震源深度10公里。"
    assert estimated_jaccard(sign.sign_text(report), sign.sign_text(edited)) > 0.6
    assert estimated_jaccard(sign.sign_text(report), sign.sign_text(other)) < 0.1
