"""DaskEngine on a real LocalCluster (two worker processes) does what LocalEngine does."""

from __future__ import annotations

import json
import os
import pickle
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from typer.testing import CliRunner

from storyline.cli.app import app
from storyline.config import Config
from storyline.engine import LocalEngine
from storyline.engine.dask import ENGINE_ERROR, DaskEngine
from storyline.errors import ConfigError, EngineError
from storyline.ingest import read_inputs
from storyline.model import Article, Rejection
from storyline.preparation import ArticlePreparer, PreparedArticle
from storyline.store import StoryStore
from storyline.store.update import update_store

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

# Three made-up events, told by several made-up outlets each: (id, outlet, published, title, text).
EVENTS = {
    "fire": [
        (
            "fire-1",
            "Dunmore Herald",
            "2031-05-04T06:10:00+00:00",
            "Fire destroys textile warehouse in Dunmore Bay",
            "A fire destroyed the Calloway textile warehouse in Dunmore Bay overnight, the fire "
            "service said on Sunday. Forty firefighters fought the blaze for six hours before it "
            "was under control. No one was hurt, but the warehouse roof collapsed and smoke "
            "drifted over the harbour. The cause of the fire is not yet known.",
        ),
        (
            "fire-2",
            "Coastline News",
            "2031-05-04T09:30:00+00:00",
            "Dunmore Bay warehouse blaze under control",
            "Firefighters brought a large fire at the Calloway textile warehouse in Dunmore Bay "
            "under control early on Sunday. The fire service said forty firefighters worked "
            "through the night and that nobody was injured. Residents near the harbour were told "
            "to keep their windows shut because of the smoke.",
        ),
        (
            "fire-3",
            "Radio Dunmore",
            "2031-05-04T15:45:00+00:00",
            "Investigators search ruins of Calloway warehouse",
            "Fire investigators began searching the ruins of the Calloway textile warehouse in "
            "Dunmore Bay on Sunday afternoon. The owner, Calloway Mills, said the warehouse held "
            "two thousand rolls of cloth. The fire service said the blaze started near the "
            "loading bay, and the cause is still under investigation.",
        ),
    ],
    "chess": [
        (
            "chess-1",
            "Kestrel Times",
            "2031-05-05T18:00:00+00:00",
            "Ilsa Varga, 14, wins the Kestrel Open chess tournament",
            "Fourteen-year-old Ilsa Varga won the Kestrel Open chess tournament on Monday, beating "
            "grandmaster Tomas Reiner in the final round. Varga finished with seven points from "
            "nine games. She is the youngest winner in the tournament's history.",
        ),
        (
            "chess-2",
            "Board Weekly",
            "2031-05-05T20:15:00+00:00",
            "Teenager Varga beats Reiner to take Kestrel Open",
            "Ilsa Varga, a fourteen-year-old from Kestrel City, took the Kestrel Open chess title "
            "after defeating grandmaster Tomas Reiner in the last round on Monday. Varga scored "
            "seven points from nine games and becomes the youngest champion of the tournament.",
        ),
        (
            "chess-3",
            "Kestrel Evening Post",
            "2031-05-06T07:00:00+00:00",
            "Kestrel City celebrates its young chess champion",
            "Kestrel City held a reception on Tuesday for Ilsa Varga, the fourteen-year-old who "
            "won the Kestrel Open chess tournament. The mayor praised Varga's win over "
            "grandmaster Tomas Reiner, and her chess club said she would play in the national "
            "championship in the autumn.",
        ),
    ],
    "flood": [
        (
            "flood-1",
            "Valley Courier",
            "2031-05-05T05:20:00+00:00",
            "Floods close the Ardent Valley railway",
            "Floodwater closed the Ardent Valley railway line on Monday after two days of heavy "
            "rain. The rail operator said the tracks between Millford and Ossery stations were "
            "under water and that buses would replace trains. Engineers will inspect the line "
            "once the water falls.",
        ),
        (
            "flood-2",
            "Coastline News",
            "2031-05-05T11:00:00+00:00",
            "Buses replace flooded Ardent Valley trains",
            "Buses are replacing trains on the Ardent Valley railway after floodwater covered the "
            "tracks between Millford and Ossery, the rail operator said on Monday. Two days of "
            "heavy rain raised the river above its banks. Engineers will inspect the railway "
            "line when the floodwater falls.",
        ),
    ],
}


def _record(item: tuple[str, str, str, str, str]) -> dict[str, str]:
    article_id, outlet, published, title, text = item
    return {
        "id": article_id,
        "outlet": outlet,
        "published": published,
        "title": title,
        "text": text,
    }


def _write_news(directory: Path) -> Path:
    """The events as files of every kind read: JSON Lines (with a broken line), plain text, an
    empty file and a binary file, interleaved so that events are spread across files."""
    directory.mkdir(parents=True, exist_ok=True)
    fire, chess, flood = EVENTS["fire"], EVENTS["chess"], EVENTS["flood"]
    lines = [json.dumps(_record(item)) for item in (fire[0], chess[0], flood[0])]
    (directory / "a_wire.jsonl").write_text("\n".join([*lines, "{not json"]) + "\n")
    (directory / "b_empty.txt").write_bytes(b"")
    (directory / "c_binary.txt").write_bytes(bytes(range(256)) * 8)
    for item in (fire[1], chess[1], flood[1], fire[2]):
        article_id, _, _, title, text = item
        (directory / f"d_{article_id}.txt").write_text(f"{title}\n\n{text}\n")
    (directory / "e_late.jsonl").write_text(json.dumps(_record(chess[2])) + "\n")
    return directory


def _articles() -> list[Article]:
    """Every event's articles, in the order they were published, and an unsupported language."""
    items = sorted((item for event in EVENTS.values() for item in event), key=lambda i: i[2])
    articles = [
        Article(id=item[0], text=item[4], source=f"<{item[0]}>", title=item[3], outlet=item[1])
        for item in items
    ]
    swahili = Article(
        id="sw-1", text="Moto uliteketeza ghala usiku.", source="<sw-1>", language="sw"
    )
    return [*articles[:4], swahili, *articles[4:]]


@pytest.fixture(scope="module")
def dask_engine() -> Iterator[DaskEngine]:
    """A LocalCluster of two single-thread worker processes, started by the engine itself; a
    task whose worker dies fails at once (no retries on other workers), to keep tests short."""
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        DaskEngine(n_workers=2, threads_per_worker=1, batch_articles=3) as engine,
    ):
        yield engine


@pytest.fixture
def news_dir(tmp_path: Path) -> Path:
    return _write_news(tmp_path / "news")


def test_read_gives_the_local_engine_results_file_by_file(
    dask_engine: DaskEngine, news_dir: Path
) -> None:
    paths = sorted(news_dir.iterdir())
    config = Config()
    expected = list(LocalEngine().read(paths, config=config))
    assert list(dask_engine.read(paths, config=config)) == expected
    reasons = {item.reason for items in expected for item in items if isinstance(item, Rejection)}
    assert {"empty", "binary", "parse-error"} <= reasons


def test_read_inputs_through_dask_gives_the_same_articles_and_rejections(
    dask_engine: DaskEngine, news_dir: Path
) -> None:
    config = Config()
    inputs = [news_dir, news_dir / "b_empty.txt", news_dir / "missing.txt"]
    expected = read_inputs(inputs, config=config)
    result = read_inputs(
        inputs, config=config, reader=lambda files: dask_engine.read(files, config=config)
    )
    assert result == expected
    assert len(result.articles) == 8


def test_prepare_gives_the_local_preparations_in_order(dask_engine: DaskEngine) -> None:
    articles = _articles()
    preparer = ArticlePreparer()
    expected = list(LocalEngine().prepare(articles, preparer=preparer))
    prepared = list(dask_engine.prepare(iter(articles), preparer=preparer))
    assert len(prepared) == len(expected) == len(articles)
    for item, wanted in zip(prepared, expected, strict=True):
        if isinstance(wanted, Rejection):
            assert item == wanted
            continue
        assert isinstance(item, PreparedArticle)
        assert item.article == wanted.article
        assert item.features == wanted.features
        assert item.signature == wanted.signature
        assert item.document.sentences == wanted.document.sentences
        assert item == wanted
    assert [item.reason for item in prepared if isinstance(item, Rejection)] == [
        "unsupported-language"
    ]


def test_prepare_of_nothing_gives_nothing(dask_engine: DaskEngine) -> None:
    assert list(dask_engine.prepare([], preparer=ArticlePreparer())) == []


def test_seed_reports_prepare_as_locally(dask_engine: DaskEngine) -> None:
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        pytest.skip(f"no seed reports at {SEEDS}")
    articles = read_inputs(paths, config=Config()).articles
    preparer = ArticlePreparer()
    expected = list(LocalEngine().prepare(articles, preparer=preparer))
    assert list(dask_engine.prepare(articles, preparer=preparer)) == expected


def test_a_preparer_survives_pickling_and_prepares_the_same() -> None:
    (article, *_) = _articles()
    preparer = ArticlePreparer()
    assert pickle.loads(pickle.dumps(preparer))(article) == preparer(article)


def test_an_article_whose_task_raises_is_rejected_and_the_rest_are_prepared(
    dask_engine: DaskEngine,
) -> None:
    good = _articles()[:5]
    broken = Article(id="broken", text=None, source="feed.jsonl:7")  # type: ignore[arg-type]
    articles = [*good[:2], broken, *good[2:]]
    preparer = ArticlePreparer()
    prepared = list(dask_engine.prepare(articles, preparer=preparer))
    expected = list(LocalEngine().prepare(good, preparer=preparer))
    assert [*prepared[:2], *prepared[3:]] == expected
    rejection = prepared[2]
    assert isinstance(rejection, Rejection)
    assert (rejection.source, rejection.reason) == ("feed.jsonl:7", ENGINE_ERROR)
    assert rejection.detail.startswith("preparing article 'broken' failed on the Dask cluster: ")


class DyingPreparer(ArticlePreparer):
    """Kills the worker process that prepares the article with id "poison".

    Workers unpickle it by reference to this module: they are spawned with this process's
    ``sys.path``, where pytest put this directory (the default "prepend" import mode).
    """

    def __call__(self, article: Article) -> PreparedArticle | Rejection:
        if article.id == "poison":
            os._exit(13)
        return super().__call__(article)


def test_an_article_that_kills_its_worker_is_rejected_and_the_run_goes_on(
    dask_engine: DaskEngine,
) -> None:
    good = _articles()[:4]
    poison = Article(id="poison", text="It kills the worker.", source="<poison>")
    articles = [good[0], poison, *good[1:]]
    # One task at a time on the cluster, so only the poisoned task sees its worker die.
    with DaskEngine(dask_engine.scheduler_address, batch_articles=3, max_in_flight=1) as engine:
        prepared = list(engine.prepare(articles, preparer=DyingPreparer()))
    expected = list(LocalEngine().prepare(good, preparer=ArticlePreparer()))
    assert [prepared[0], *prepared[2:]] == expected
    rejection = prepared[1]
    assert isinstance(rejection, Rejection)
    assert (rejection.source, rejection.reason) == ("<poison>", ENGINE_ERROR)
    assert "KilledWorker" in rejection.detail


def _stories(db: Path) -> list[tuple[str, tuple[str, ...]]]:
    with StoryStore(db) as store:
        return [(row.id, row.article_ids) for row in store.stories()]


def test_update_store_with_dask_gives_the_local_stories(
    dask_engine: DaskEngine, news_dir: Path, tmp_path: Path
) -> None:
    config = Config()
    local = update_store([news_dir], db=tmp_path / "local.db", config=config)
    distributed = update_store(
        [news_dir], db=tmp_path / "dask.db", config=config, engine=dask_engine
    )
    assert distributed == local
    stories = _stories(tmp_path / "dask.db")
    assert stories == _stories(tmp_path / "local.db")
    grouped = sorted(
        sorted(article_id.removeprefix("d_").split("-")[0] for article_id in ids)
        for _, ids in stories
    )
    assert grouped == [["chess"] * 3, ["fire"] * 3, ["flood"] * 2]


runner = CliRunner()


def test_cli_ingest_with_dask_stores_the_local_stories(
    dask_engine: DaskEngine, news_dir: Path, tmp_path: Path
) -> None:
    local = runner.invoke(app, ["ingest", str(news_dir), "--db", str(tmp_path / "local.db")])
    distributed = runner.invoke(
        app,
        [
            "ingest",
            str(news_dir),
            "--db",
            str(tmp_path / "dask.db"),
            "--engine",
            "dask",
            "--scheduler",
            dask_engine.scheduler_address,
        ],
    )
    assert distributed.exit_code == local.exit_code == 1  # the empty, binary and broken inputs
    assert distributed.stderr.replace("dask.db", "local.db") == local.stderr
    assert _stories(tmp_path / "dask.db") == _stories(tmp_path / "local.db")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_cli_ingest_fails_quickly_naming_an_unreachable_scheduler(
    news_dir: Path, tmp_path: Path
) -> None:
    address = f"tcp://127.0.0.1:{_closed_port()}"
    start = time.perf_counter()
    result = runner.invoke(
        app,
        [
            "ingest",
            str(news_dir),
            "--db",
            str(tmp_path / "news.db"),
            "--engine",
            "dask",
            "--scheduler",
            address,
            "--connect-timeout",
            "1",
        ],
    )
    assert time.perf_counter() - start < 15
    assert result.exit_code == 2
    assert f"cannot reach the Dask scheduler at {address} within 1 s" in result.stderr
    assert not (tmp_path / "news.db").exists()


def test_cli_scheduler_without_the_dask_engine_is_a_usage_error(
    news_dir: Path, tmp_path: Path
) -> None:
    result = runner.invoke(
        app, ["ingest", str(news_dir), "--db", str(tmp_path / "news.db"), "--scheduler", "x:1"]
    )
    assert result.exit_code == 2
    assert "--scheduler applies only with --engine dask" in result.stderr


def test_engine_unreachable_scheduler_raises_engine_error_naming_it() -> None:
    address = f"tcp://127.0.0.1:{_closed_port()}"
    with (
        pytest.raises(EngineError, match=f"cannot reach the Dask scheduler at {address}"),
        DaskEngine(address, connect_timeout_s=0.5),
    ):
        pass


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"batch_articles": 0}, r"'batch_articles' must be an int in \[1, 100000\]; got 0"),
        ({"max_in_flight": -1}, r"'max_in_flight' must be an int in \[1, 1000000\]; got -1"),
        ({"scheduler": "bogus"}, r"'scheduler' must be a Dask scheduler address"),
        # The dashboard's scheme: Dask tried it for the whole timeout, with a traceback.
        ({"scheduler": "http://127.0.0.1:8787"}, r"unknown address scheme 'http'"),
        ({"scheduler": "inproc://h:1"}, r"inproc:// is one inside a single process"),
        ({"scheduler": "tcp://h:1", "n_workers": 2}, r"'n_workers' of DaskEngine applies only"),
    ],
)
def test_engine_options_are_checked_when_built(options: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        DaskEngine(**options)  # type: ignore[arg-type]


def test_an_engine_used_outside_its_context_says_how_to_use_it() -> None:
    with pytest.raises(EngineError, match=r"use it as 'with DaskEngine\(...\) as engine:'"):
        list(DaskEngine().read([], config=Config()))


def test_digest_with_the_dask_engine_gives_the_local_digest(
    dask_engine: DaskEngine, tmp_path: Path
) -> None:
    from storyline.pipeline import digest
    from storyline.render import render_json

    example = Path(__file__).resolve().parents[2] / "examples" / "ferry"
    assert render_json(digest([example], engine=dask_engine)) == render_json(digest([example]))


def test_a_server_that_never_answers_as_a_scheduler_fails_within_the_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    import storyline.engine.dask as dask_engine_module

    monkeypatch.setattr(dask_engine_module, "_CONNECT_GRACE_S", 0.5)
    with socket.socket() as listener:  # accepts connections and says nothing, like a wrong port
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        accepted: list[socket.socket] = []
        threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True).start()
        address = f"tcp://127.0.0.1:{listener.getsockname()[1]}"
        start = time.perf_counter()
        with (
            pytest.raises(EngineError, match=f"cannot reach the Dask scheduler at {address}"),
            DaskEngine(address, connect_timeout_s=1.0),
        ):
            pass
        assert time.perf_counter() - start < 10
        for connection in accepted:
            connection.close()


def test_a_scheduler_without_workers_is_an_error_after_the_timeout() -> None:
    from distributed import LocalCluster

    with (
        LocalCluster(n_workers=0, processes=True, dashboard_address=":0") as cluster,  # type: ignore[no-untyped-call]
        pytest.raises(EngineError, match="has no workers after 1 s"),
        DaskEngine(cluster.scheduler_address, connect_timeout_s=1.0),
    ):
        pass


def test_a_relative_path_is_read_from_this_folder_and_named_as_given(
    dask_engine: DaskEngine, news_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(news_dir.parent)
    paths = [Path(news_dir.name) / path.name for path in sorted(news_dir.iterdir())]
    config = Config()
    expected = list(LocalEngine().read(paths, config=config))
    assert list(dask_engine.read(paths, config=config)) == expected
    assert any(item.source.startswith(f"{news_dir.name}/") for items in expected for item in items)
