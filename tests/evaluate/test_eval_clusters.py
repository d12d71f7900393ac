"""B-cubed, labelled-article loading and ``storyline eval-clusters`` on tiny hand-written files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.app import app
from storyline.errors import InputError
from storyline.evaluate.clusters import (
    bcubed,
    clustering_report_as_dict,
    evaluate_clustering,
    load_labelled_articles,
    render_clustering_table,
)

runner = CliRunner()

QUAKE = [
    "A magnitude 6.1 earthquake struck near Izmir in western Turkey on Friday, damaging dozens "
    "of buildings. Rescue teams searched collapsed homes for survivors.",
    "Rescuers pulled survivors from collapsed buildings in Izmir after the earthquake, Turkey's "
    "disaster agency said. The quake of magnitude 6.1 damaged dozens of buildings.",
]
VOTE = [
    "Voters in Lisbon elected a new mayor on Sunday after a close race, officials said. The "
    "winner promised cheaper housing and more buses for the Portuguese capital.",
    "Lisbon's new mayor thanked voters after winning the close election, and repeated promises "
    "of cheaper housing and more buses in the capital.",
]


def test_bcubed_of_a_perfect_clustering_is_one() -> None:
    scores = bcubed([7, 7, 3], ["a", "a", "b"])
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)


def test_bcubed_of_one_cluster_and_of_singletons() -> None:
    gold = ["a", "a", "b", "b"]
    together = bcubed([0, 0, 0, 0], gold)
    assert together.precision == pytest.approx(0.5)
    assert together.recall == 1.0
    apart = bcubed([0, 1, 2, 3], gold)
    assert apart.precision == 1.0
    assert apart.recall == pytest.approx(0.5)
    assert apart.f1 == pytest.approx(2 / 3)


def test_bcubed_needs_one_label_per_item() -> None:
    with pytest.raises(ValueError, match="one predicted and one gold label per item; got 1"):
        bcubed([0], ["a", "b"])
    with pytest.raises(ValueError, match="at least one item"):
        bcubed([], [])


def write_clusters(path: Path, *, shared: bool = False) -> Path:
    records = [
        {
            "id": "quake",
            "articles": [{"id": f"q{n}", "text": text} for n, text in enumerate(QUAKE)],
            "references": ["An earthquake hit Izmir."],
        },
        {
            "id": "vote",
            "articles": [{"id": f"v{n}", "text": text} for n, text in enumerate(VOTE)]
            + ([{"id": "q-again", "text": QUAKE[0]}] if shared else []),
            "references": ["Lisbon elected a mayor."],
        },
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def write_topics(path: Path) -> Path:
    timeline = [["2023-02-10", ["An earthquake hits Izmir ."]]]
    records = [
        {
            "id": f"quake_{outlet}",
            "keywords": ["quake"],
            "articles": [
                {"id": f"{outlet}-{n}", "published": f"2023-02-1{n}", "text": text}
                for n, text in enumerate(QUAKE)
            ],
            "timelines": [timeline],
        }
        for outlet in ("wire", "paper")
    ] + [
        {
            "id": "vote_wire",
            "keywords": ["vote"],
            "articles": [
                {"id": f"vote-{n}", "published": "2023-06-01", "text": text}
                for n, text in enumerate(VOTE)
            ],
            "timelines": [timeline],
        }
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def test_clusters_file_gives_cluster_labels_and_no_declared_groups(tmp_path: Path) -> None:
    data = load_labelled_articles(write_clusters(tmp_path / "clusters.jsonl"))
    assert data.kind == "clusters"
    assert [labelling.name for labelling in data.labellings] == ["cluster"]
    assert data.labellings[0].labels == ("quake", "quake", "vote", "vote")
    assert all(article.group is None for article in data.articles)


def test_clusters_keep_what_their_records_give(tmp_path: Path) -> None:
    path = tmp_path / "dated.jsonl"
    record = {
        "id": "quake",
        "articles": [
            {
                "id": "q0",
                "text": QUAKE[0],
                "title": "Quake hits Izmir",
                "published": "2023-02-10T08:30:00+03:00",
                "outlet": "Wire",
                "url": "https://wire.example/q0",
            }
        ],
    }  # no "references": clustering does not need them
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = load_labelled_articles(path).articles
    assert (article.title, article.outlet, article.source) == (
        "Quake hits Izmir",
        "Wire",
        "https://wire.example/q0",
    )
    assert article.published is not None and article.published.isoformat() == (
        "2023-02-10T05:30:00+00:00"
    )


def _reworded(text: str) -> str:
    return text.replace("dozens of", "many").replace("Rescue", "Search")


def test_dates_in_clusters_keep_two_years_of_one_kind_of_event_apart(tmp_path: Path) -> None:
    # Two earthquakes in Izmir told in nearly the same words, a year apart: only their dates tell
    # them apart, so the clustering must have read them.
    def cluster(cluster_id: str, day: str, texts: list[str]) -> dict[str, object]:
        return {
            "id": cluster_id,
            "articles": [
                {"id": f"{cluster_id}-{n}", "text": text, "published": day}
                for n, text in enumerate(texts)
            ],
        }

    path = tmp_path / "quakes.jsonl"
    records = [
        cluster("quake-2023", "2023-02-10", QUAKE),
        cluster("quake-2024", "2024-03-01", [_reworded(text) for text in QUAKE]),
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    report = evaluate_clustering(load_labelled_articles(path), seeds=[0])
    assert all(run.scores[0].scores.f1 == 1.0 for run in report.runs), [
        (run.mode, run.labels) for run in report.runs
    ]
    undated = tmp_path / "undated.jsonl"
    for record in records:
        for article in record["articles"]:  # type: ignore[attr-defined]
            del article["published"]
    undated.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    together = evaluate_clustering(load_labelled_articles(undated), seeds=[0], modes=["batch"])
    assert together.runs[0].scores[0].scores.f1 < 1.0


def test_several_files_keep_their_labels_apart_and_report_rejections(tmp_path: Path) -> None:
    first = write_clusters(tmp_path / "first.jsonl")
    second = tmp_path / "second.jsonl"
    second.write_text(
        json.dumps({"id": "quake", "articles": [{"id": "q0", "text": _reworded(QUAKE[1])}]})
        + "\n"
        + json.dumps({"id": "lone", "text": VOTE[0]})
        + "\n{broken\n",
        encoding="utf-8",
    )
    data = load_labelled_articles([first, second])
    assert data.kind == "clusters"
    assert data.labellings[0].labels == tuple(
        f"{path}:{cluster}"
        for path, cluster in [(first, "quake")] * 2 + [(first, "vote")] * 2 + [(second, "quake")]
    )
    ids = [article.id for article in data.articles]
    assert ids == ["q0", "q1", "v0", "v1", "q0-2"]
    reasons = {rejection.reason: rejection for rejection in data.rejections}
    assert sorted(reasons) == ["parse-error", "unlabelled"]
    assert "no gold label" in reasons["unlabelled"].detail
    result = runner.invoke(app, ["eval-clusters", str(first), str(second), "-f", "json"])
    assert result.exit_code == 1  # a rejected record; the report is still written
    payload = json.loads(result.stdout)
    assert payload["articles"] == 5
    assert sorted(item["reason"] for item in payload["rejections"]) == ["parse-error", "unlabelled"]
    assert f"rejected {second}:3" in result.stderr  # the broken line, named


def test_mixed_files_are_scored_each_alone_too(tmp_path: Path) -> None:
    quakes = tmp_path / "quakes.jsonl"
    quakes.write_text(
        json.dumps(
            {"id": "quake", "articles": [{"id": f"q{n}", "text": t} for n, t in enumerate(QUAKE)]}
        )
        + "\n",
        encoding="utf-8",
    )
    votes = tmp_path / "votes.jsonl"
    votes.write_text(
        json.dumps(
            {"id": "vote", "articles": [{"id": f"v{n}", "text": t} for n, t in enumerate(VOTE)]}
        )
        + "\n"
        # The same earthquake again, filed in the second collection under another label.
        + json.dumps({"id": "other", "articles": [{"id": "q-copy", "text": _reworded(QUAKE[0])}]})
        + "\n",
        encoding="utf-8",
    )
    data = load_labelled_articles([quakes, votes])
    assert data.origins == (str(quakes),) * 2 + (str(votes),) * 3
    report = evaluate_clustering(data, seeds=[0], modes=["batch"])
    (run,) = report.runs
    assert run.labels[0] == run.labels[1] == run.labels[4] != run.labels[2] == run.labels[3]
    first, second = report.by_file(run)
    assert (first.file, first.articles, first.mixed) == (str(quakes), 2, 2)
    assert first.scores[0].scores.f1 == 1.0  # alone, the first file is clustered perfectly
    assert (second.articles, second.mixed) == (3, 1)
    assert second.scores[0].scores.f1 == 1.0
    assert f"batch seed 0, {votes} alone (3 articles): cluster F1 1.000" in (
        render_clustering_table(report)
    )
    files = clustering_report_as_dict(report)["runs"][0]["files"]  # type: ignore[index]
    assert [part["mixed"] for part in files] == [2, 1]
    single = evaluate_clustering(load_labelled_articles(quakes), seeds=[0], modes=["batch"])
    assert single.by_file(single.runs[0]) == []


def test_a_json_list_of_clusters_over_many_lines_is_read(tmp_path: Path) -> None:
    path = tmp_path / "clusters.json"
    clusters = [
        {"id": "quake", "articles": [{"id": f"q{n}", "text": t} for n, t in enumerate(QUAKE)]},
        {"id": "vote", "articles": [{"id": f"v{n}", "text": t} for n, t in enumerate(VOTE)]},
    ]
    path.write_text(json.dumps(clusters, indent=2), encoding="utf-8")
    data = load_labelled_articles(path)
    assert data.labellings[0].labels == ("quake", "quake", "vote", "vote")


def test_a_flat_file_of_records_naming_their_cluster_is_labelled(tmp_path: Path) -> None:
    path = tmp_path / "flat.jsonl"
    records = [{"id": f"q{n}", "body": text, "cluster": "quake"} for n, text in enumerate(QUAKE)]
    records += [{"id": f"v{n}", "text": text, "cluster_id": 2} for n, text in enumerate(VOTE)]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    data = load_labelled_articles(path)
    assert data.labellings[0].labels == ("quake", "quake", "2", "2")
    assert all(article.group is None for article in data.articles)
    report = evaluate_clustering(data, modes=("batch",))
    assert report.runs[0].scores[0].scores.f1 == 1.0


def test_a_file_without_clusters_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps({"id": "a", "text": QUAKE[0]}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="no labelled article"):
        load_labelled_articles(path)


def test_clusters_sharing_a_report_are_one_story(tmp_path: Path) -> None:
    data = load_labelled_articles(write_clusters(tmp_path / "clusters.jsonl", shared=True))
    story = next(labelling for labelling in data.labellings if labelling.name == "story")
    assert story.n_clusters == 1


def test_topics_with_the_same_keywords_are_one_story(tmp_path: Path) -> None:
    data = load_labelled_articles(write_topics(tmp_path / "topics.jsonl"))
    assert data.kind == "timeline17"
    topic, story = data.labellings
    assert (topic.name, topic.n_clusters) == ("topic", 3)
    assert (story.name, story.n_clusters) == ("story", 2)
    assert story.labels[:4] == ("quake_wire",) * 4
    assert data.articles[0].published is not None


def test_evaluation_scores_each_seed_and_mode(tmp_path: Path) -> None:
    data = load_labelled_articles(write_topics(tmp_path / "topics.jsonl"))
    report = evaluate_clustering(data, seeds=[1, 2])
    assert [(run.mode, run.seed) for run in report.runs] == [
        ("batch", 1),
        ("stream", 1),
        ("store", 1),
        ("batch", 2),
        ("stream", 2),
        ("store", 2),
    ]
    batch = report.runs_of("batch")
    assert batch[0].labels == batch[1].labels
    assert report.agreement("batch") == 1.0
    # The store places articles in order of publication, whatever order they were given in.
    assert report.agreement("store") == 1.0
    assert report.runs_of("store")[0].scores[1].scores.f1 == 1.0
    story = batch[0].scores[1]
    assert (story.labelling, story.gold_clusters) == ("story", 2)
    assert story.scores.f1 == 1.0
    table = render_clustering_table(report)
    assert "story F1" in table and "spread" in table
    payload = clustering_report_as_dict(report)
    assert payload["articles"] == 6
    json.dumps(payload)


def test_an_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_labelled_articles(tmp_path / "absent.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="no records"):
        load_labelled_articles(empty)


def test_eval_clusters_prints_a_table(tmp_path: Path) -> None:
    path = write_clusters(tmp_path / "clusters.jsonl")
    result = runner.invoke(
        app, ["eval-clusters", str(path), "--shuffle-seed", "3", "--shuffle-seed", "4"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("mode ")
    assert "cluster F1" in result.stdout
    assert "Gold 'cluster'" in result.stdout


def test_eval_clusters_json(tmp_path: Path) -> None:
    path = write_clusters(tmp_path / "clusters.jsonl")
    result = runner.invoke(app, ["eval-clusters", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert [(run["mode"], run["seed"]) for run in payload["runs"]] == [
        ("batch", 0),
        ("stream", 0),
        ("store", 0),
    ]
    assert payload["runs"][0]["scores"]["cluster"]["f1"] == 1.0


def test_eval_clusters_names_a_bad_file_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = runner.invoke(app, ["eval-clusters", str(bad)])
    assert result.exit_code == 2
    assert "no labelled article" in result.stderr
    assert f"(rejected: {bad}:1: invalid JSON" in result.stderr
