"""Citations: a summary sentence is cited to the sentences that say the same, figures included."""

from __future__ import annotations

from builders import make_article

from storyline.config import Config
from storyline.pipeline import build_documents
from storyline.summarize import summarize
from storyline.summarize.attribute import figures, figures_conflict

LEAD = "The ferry Sula Marren ran aground off Vask on Friday while carrying {} passengers."
MORE = (
    "Coastguard boats took everyone ashore within five hours. Divers found no leak in the hull. "
    "The operator suspended the island route until Monday."
)


def test_a_sentence_giving_another_figure_is_no_source_of_it() -> None:
    articles = [
        make_article(f"{LEAD.format(count)} {MORE}", article_id=name)
        for name, count in (("wire", 212), ("paper", 212), ("radio", 214))
    ]
    summary = summarize(build_documents(articles), config=Config())
    assert summary.headline is not None
    assert summary.headline.text == LEAD.format(212)
    cited = {source.article for source in summary.headline.sources}
    assert cited == {"wire", "paper"}  # not the radio's "214 passengers"


def test_figures_are_read_as_written_and_conflict_only_both_ways() -> None:
    assert figures("It covered 4,500 km in 2.6 days; Kim, 35, waved.") == {"4500", "2.6", "35"}
    assert figures_conflict(figures("212 passengers"), figures("214 passengers"))
    assert not figures_conflict(figures("212 passengers"), figures("212 passengers, 31 crew"))
    assert not figures_conflict(figures("212 passengers"), figures("Everyone was saved."))


def test_a_sentence_of_one_or_two_shared_words_is_no_source_but_the_same_words_are() -> None:
    from storyline.summarize.attribute import SentenceIndex
    from storyline.terms import TermExtractor

    texts = {
        "long": "Now the company says it does n't know how to stop the leak in the pipeline.",
        "short": "We do n't know .",
        "same": "The company says it does not know how to stop the leak in the pipeline.",
        "echo": "Nobody is very forgiving.",
        "echo2": "Nobody is very forgiving.",
    }
    documents = build_documents([make_article(text, article_id=key) for key, text in texts.items()])
    index = SentenceIndex(documents, terms=TermExtractor())
    sentences = {sent.article_id: sent for doc in documents for sent in doc.sentences}
    cited = [sent.article_id for _, sent in index.similar(sentences["long"], min_similarity=0.4)]
    assert cited == ["same"]
    echoed = [sent.article_id for _, sent in index.similar(sentences["echo"], min_similarity=0.4)]
    assert echoed == ["echo2"]
