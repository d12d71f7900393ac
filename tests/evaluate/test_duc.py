"""Loading DUC-style files, evaluating, and rendering the report, on tiny hand-made clusters."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.evaluate import (
    STORYLINE,
    EvalCluster,
    evaluate,
    load_clusters,
    load_peers,
    render_table,
    report_as_dict,
    write_runs,
)
from storyline.model import Article


def make_record(
    cluster_id: str, *, texts: Sequence[str], references: Sequence[str]
) -> dict[str, object]:
    return {
        "id": cluster_id,
        "articles": [{"id": f"{cluster_id}-A{i}", "text": text} for i, text in enumerate(texts)],
        "references": list(references),
    }


def write_jsonl(path: Path, records: Sequence[object]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def make_cluster(cluster_id: str, *, reference: str) -> EvalCluster:
    article = Article(id=f"{cluster_id}-A0", text=reference, source="test", group=cluster_id)
    return EvalCluster(id=cluster_id, articles=(article,), references=(reference,))


def first_article(articles: Sequence[Article]) -> str:
    return articles[0].text


CLUSTERS = [
    make_cluster("c1", reference="The storm hit the coast and flooded three towns."),
    make_cluster("c2", reference="The central bank raised interest rates by half a point."),
]


def test_load_clusters_builds_articles_with_source_and_group(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "clusters.jsonl",
        [
            make_record("c1", texts=["First report.", "Second report."], references=["R1", "R2"]),
            make_record("c2", texts=["Third report."], references=["R3"]),
        ],
    )

    clusters = load_clusters(path)

    assert [cluster.id for cluster in clusters] == ["c1", "c2"]
    assert clusters[0].references == ("R1", "R2")
    assert clusters[0].articles[1] == Article(
        id="c1-A1", text="Second report.", source=f"{path}#c1", group="c1"
    )


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        ("[1, 2]", "line 2: expected a JSON object"),
        ('{"articles": [{"id": "a", "text": "t"}], "references": ["r"]}', "line 2: 'id' must be"),
        ('{"id": "c2", "articles": [], "references": ["r"]}', "line 2: 'articles' must be"),
        ('{"id": "c2", "articles": [{"id": "a"}], "references": ["r"]}', "line 2: article 'a'"),
        (
            '{"id": "c2", "articles": [{"id": "a", "text": "t"}], "references": "r"}',
            "line 2: 'references'",
        ),
        (
            '{"id": "c1", "articles": [{"id": "a", "text": "t"}], "references": ["r"]}',
            "line 2: cluster id 'c1' appears twice",
        ),
    ],
)
def test_a_malformed_clusters_line_is_an_input_error_naming_file_and_line(
    tmp_path: Path, bad_line: str, message: str
) -> None:
    path = tmp_path / "clusters.jsonl"
    good = json.dumps(make_record("c1", texts=["Text."], references=["Ref."]))
    path.write_text(f"{good}\n{bad_line}\n", encoding="utf-8")

    with pytest.raises(InputError, match=message) as caught:
        load_clusters(path)

    assert str(path) in str(caught.value)


def test_a_missing_clusters_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the file"):
        load_clusters(tmp_path / "absent.jsonl")


def test_evaluate_scores_storyline_and_peers_on_the_given_clusters() -> None:
    peers = {
        "Echo": {cluster.id: cluster.references[0] for cluster in CLUSTERS},
        "Nothing": {"c1": "zzz", "c2": "zzz"},
    }

    report = evaluate(CLUSTERS, summarize=first_article, peers=peers)

    by_name = {system.system: system for system in report.systems}
    assert set(by_name) == {STORYLINE, "Echo", "Nothing"}
    assert by_name["Echo"].scores.rouge2_recall == pytest.approx(100.0)
    assert by_name["Nothing"].scores.rouge1_recall == 0.0
    assert report.storyline.scores.rouge1_recall == pytest.approx(100.0)
    assert [run.id for run in report.runs] == ["c1", "c2"]
    assert all(run.seconds >= 0 for run in report.runs)


def test_peers_are_scored_only_on_the_evaluated_subset() -> None:
    peers = {"Echo": {"c1": CLUSTERS[0].references[0], "c2": "zzz"}}

    report = evaluate(CLUSTERS[:1], summarize=first_article, peers=peers)

    echo = next(system for system in report.systems if system.system == "Echo")
    assert echo.scores.rouge1_recall == pytest.approx(100.0)
    assert echo.missing == ()


def test_a_peer_missing_a_cluster_scores_it_as_empty_and_is_flagged() -> None:
    peers = {"Half": {"c1": CLUSTERS[0].references[0]}}

    report = evaluate(CLUSTERS, summarize=first_article, peers=peers)

    half = next(system for system in report.systems if system.system == "Half")
    assert half.missing == ("c2",)
    assert half.scores.rouge1_recall == pytest.approx(50.0)
    assert "Half (1 missing)" in render_table(report)


def test_progress_is_reported_after_each_cluster() -> None:
    calls: list[tuple[int, int]] = []

    evaluate(
        CLUSTERS, summarize=first_article, progress=lambda done, total: calls.append((done, total))
    )

    assert calls == [(1, 2), (2, 2)]


def test_table_lists_systems_by_rouge2_recall_and_marks_storyline() -> None:
    peers = {
        "Echo": {cluster.id: cluster.references[0] for cluster in CLUSTERS},
        "Nothing": {"c1": "zzz", "c2": "zzz"},
    }

    def half_summary(articles: Sequence[Article]) -> str:
        words = articles[0].text.split()
        return " ".join(words[: len(words) // 2])

    table = render_table(evaluate(CLUSTERS, summarize=half_summary, peers=peers))

    lines = table.splitlines()
    header = ("system", "R-1 recall", "R-1 F1", "R-2 recall", "R-2 F1")
    assert [cell.strip() for cell in lines[0].split("  ") if cell.strip()] == list(header)
    names = [line.split()[0] for line in lines[2:5]]
    assert names == ["Echo", "*", "Nothing"]
    assert lines[3].split()[1] == STORYLINE
    assert "100.00" in lines[2]
    assert "seconds per cluster: mean" in table


def test_report_as_dict_is_json_ready() -> None:
    report = evaluate(CLUSTERS, summarize=first_article, peers={"Echo": {"c1": "x", "c2": "y"}})

    data = json.loads(json.dumps(report_as_dict(report)))

    assert data["clusters"] == 2
    assert [system["system"] for system in data["systems"]] == [STORYLINE, "Echo"]
    assert set(data["seconds_per_cluster"]) == {"mean", "max"}


def test_runs_file_round_trips_through_load_peers(tmp_path: Path) -> None:
    def unicode_summary(articles: Sequence[Article]) -> str:
        return articles[0].text + " — «Zürich» 東京"

    report = evaluate(CLUSTERS, summarize=unicode_summary)
    path = tmp_path / "runs.jsonl"

    write_runs(report, path)

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [set(record) for record in records] == [{"id", "system", "summary"}] * 2
    assert load_peers(path) == {STORYLINE: {run.id: run.summary for run in report.runs}}


def test_load_peers_refuses_two_summaries_of_one_cluster(tmp_path: Path) -> None:
    record = {"id": "c1", "system": "Echo", "summary": "x"}
    path = write_jsonl(tmp_path / "peers.jsonl", [record, record])

    with pytest.raises(InputError, match="line 2: system 'Echo' has two summaries of 'c1'"):
        load_peers(path)


def test_a_peer_may_not_take_storyline_s_name() -> None:
    with pytest.raises(ValueError, match="may not be called 'storyline'"):
        evaluate(CLUSTERS, summarize=first_article, peers={STORYLINE: {}})


def test_evaluate_needs_a_cluster() -> None:
    with pytest.raises(ValueError, match="at least one cluster"):
        evaluate([], summarize=first_article)
