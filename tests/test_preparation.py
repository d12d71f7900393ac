"""The per-article preparation stage that engines run."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import UTC, datetime

from builders import make_article

from storyline.model import Rejection
from storyline.preparation import ArticlePreparer, PreparedArticle

TEXT = (
    "The ferry Sula Marren ran aground near Vask on Friday. All 212 passengers were taken "
    "ashore. Divers checked the hull. The operator suspended its timetable."
)


def test_an_article_is_cleaned_split_weighed_and_signed() -> None:
    prepared = ArticlePreparer()(make_article(TEXT, article_id="a"))
    assert isinstance(prepared, PreparedArticle)
    assert prepared.article.id == "a"
    assert len(prepared.document.sentences) == 4
    assert prepared.features.article_id == "a"
    assert len(prepared.signature) == 64 * 4
    assert prepared.lead.startswith("The ferry Sula Marren") and "Divers" in prepared.lead


def test_an_article_in_an_unsupported_language_is_rejected_with_the_reason() -> None:
    article = replace(make_article(TEXT, article_id="sw"), language="sw")
    rejection = ArticlePreparer()(article)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "unsupported-language"
    assert "'sw'" in rejection.detail and "en, es" in rejection.detail
    assert rejection.source == article.source


def test_an_article_of_unknown_language_is_read() -> None:
    assert isinstance(ArticlePreparer()(make_article(TEXT)), PreparedArticle)


def test_the_stage_pickles_and_gives_the_same_result_after_the_trip() -> None:
    prepare = ArticlePreparer()
    article = make_article(TEXT)
    assert pickle.loads(pickle.dumps(prepare))(article) == prepare(article)


def test_a_pickled_stage_leaves_the_preparations_it_keeps_behind() -> None:
    prepare = ArticlePreparer()
    prepare(make_article(TEXT, article_id="first"))
    warm = len(pickle.dumps(prepare))
    for number in range(20):
        prepare(make_article(f"{TEXT} Report {number} of the day.", article_id=f"a{number}"))
    travelled = pickle.loads(pickle.dumps(prepare))
    assert len(pickle.dumps(prepare)) < warm + 2_000  # a few more words, not 20 documents
    copy = make_article(f"{TEXT} Report 3 of the day.", article_id="copy")
    assert travelled(copy) == prepare(copy)


def test_an_exact_copy_is_prepared_as_if_it_came_alone() -> None:
    text = "BRUSSELS (AP) - " + TEXT + "\nPhoto: Reuters"
    original = replace(make_article(text, article_id="wire"), title="Ferry aground")
    day = datetime(2025, 3, 14, 8, tzinfo=UTC)
    copy = replace(original, id="paper", outlet="The Paper", published=day)
    preparer = ArticlePreparer()
    preparer(original)
    again = preparer(copy)
    alone = ArticlePreparer()(copy)
    assert again == alone
    assert again.article is copy
    assert [sent.article_id for sent in again.document.sentences] == ["paper"] * 4
    assert (again.features.article_id, again.features.day) == ("paper", day.date().toordinal())


def test_a_copy_with_another_title_or_body_start_is_prepared_afresh() -> None:
    original = replace(make_article(TEXT, article_id="a"), title="Ferry aground")
    preparer = ArticlePreparer()
    preparer(original)
    for other in (replace(original, title="Ship stuck"), replace(original, body_start=20)):
        assert preparer(other) == ArticlePreparer()(other)
