"""The engine that reads files and prepares articles as tasks on a Dask cluster.

``DaskEngine`` connects to a ``dask.distributed`` scheduler (or starts a ``LocalCluster`` of
worker processes when given no address), submits one task per file (``ingest.reader.read_file``)
and one per batch of articles (``ArticlePreparer``), and gives the results back in input order,
so that story assignment, which stays in the calling process, decides exactly as with the
``LocalEngine``. At most ``max_in_flight`` tasks are submitted ahead of the one being waited for,
so a long stream of files or articles does not pile up in memory.

A task that raises, or whose workers keep dying, does not stop the run: its file, or each article
of its batch that fails again when prepared on its own, becomes a ``Rejection`` with the reason
``"engine-error"`` and the error in its detail.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar

# Most of distributed's Client, LocalCluster and Future methods carry no annotations; their calls
# here are marked "no-untyped-call".
from distributed import Client, Future, LocalCluster
from distributed.comm.addressing import parse_address, parse_host_port

from storyline.config import Config, check_float, check_int
from storyline.engine.logs import silence_dask_logs
from storyline.errors import ConfigError, EngineError
from storyline.ingest.reader import read_file
from storyline.model import Article, Rejection
from storyline.preparation import ArticlePreparer, PreparedArticle

logger = logging.getLogger(__name__)

ENGINE_ERROR = "engine-error"
"""The reason of a rejection whose task failed on the cluster."""

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


def prepare_batch(
    articles: Sequence[Article], preparer: ArticlePreparer
) -> list[PreparedArticle | Rejection]:
    """``preparer`` of each article, in order: the task a worker runs for a batch."""
    return [preparer(article) for article in articles]


class DaskEngine:
    """Reading and preparation as Dask tasks; results in input order.

    ``scheduler``: the address of a running scheduler ("tcp://host:8786"); None starts a
    ``LocalCluster`` of ``n_workers`` processes (Dask's default for this machine when None) with
    ``threads_per_worker`` threads each, closed again on exit. ``batch_articles``: articles per
    preparation task. ``max_in_flight``: tasks submitted ahead of the one waited for (None: twice
    the cluster's threads when entered, at least 4). ``connect_timeout_s``: how long to try to
    reach ``scheduler``. ``dashboard_address``: where a started LocalCluster serves its dashboard
    (None: no dashboard).

    Use it as a context manager: entering connects (or starts the cluster), leaving disconnects.
    """

    def __init__(
        self,
        scheduler: str | None = None,
        *,
        n_workers: int | None = None,
        threads_per_worker: int = 1,
        batch_articles: int = 64,
        max_in_flight: int | None = None,
        connect_timeout_s: float = 10.0,
        dashboard_address: str | None = None,
    ) -> None:
        if scheduler is not None:
            _check_address(scheduler)
            if n_workers is not None:
                raise ConfigError(
                    f"'n_workers' of DaskEngine applies only to the LocalCluster it starts when "
                    f"given no scheduler; got n_workers={n_workers} with scheduler={scheduler!r}"
                )
        if n_workers is not None:
            check_int("n_workers", n_workers, 1, 10_000)
        check_int("threads_per_worker", threads_per_worker, 1, 1_000)
        check_int("batch_articles", batch_articles, 1, 100_000)
        if max_in_flight is not None:
            check_int("max_in_flight", max_in_flight, 1, 1_000_000)
        check_float("connect_timeout_s", connect_timeout_s, 0.1, 3_600.0)
        self.scheduler = scheduler
        self.n_workers = n_workers
        self.threads_per_worker = threads_per_worker
        self.batch_articles = batch_articles
        self.max_in_flight = max_in_flight
        self.connect_timeout_s = connect_timeout_s
        self.dashboard_address = dashboard_address
        self._client: Client | None = None
        self._cluster: LocalCluster | None = None
        self._in_flight = 0
        self._scheduler_address = ""

    def __enter__(self) -> Self:
        if self._client is not None:
            raise EngineError("this DaskEngine is already connected; enter it only once")
        try:
            return self._connect()
        except BaseException as e:  # Ctrl-C as well: a cluster started for the run goes with it
            if isinstance(e, KeyboardInterrupt):
                silence_dask_logs()
            self._close_cluster()
            raise

    def _connect(self) -> Self:
        if self.scheduler is None:
            self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=self.n_workers,
                threads_per_worker=self.threads_per_worker,
                processes=True,
                dashboard_address=self.dashboard_address,
                preload=["storyline.engine.worker_setup"],  # workers leave Ctrl-C to the run
                # A worker's own log (a heartbeat the closing scheduler did not answer, a task
                # cancelled) is not the user's concern: failed tasks become rejections.
                silence_logs=logging.CRITICAL,
            )
            address = self._cluster.scheduler_address
        else:
            address = self.scheduler
        self._scheduler_address = address
        try:
            self._client = Client(  # type: ignore[no-untyped-call]
                address, timeout=self.connect_timeout_s, set_as_default=False
            )
        except OSError as e:
            self._close_cluster()
            raise EngineError(
                f"cannot reach the Dask scheduler at {address} within "
                f"{self.connect_timeout_s:g} s ({e}); start one with 'dask scheduler' and "
                f"workers with 'dask worker {address}', or leave the address out to run a "
                f"local cluster"
            ) from e
        nthreads: dict[str, int] = self._client.nthreads()  # type: ignore[no-untyped-call]
        threads = sum(nthreads.values())
        if not threads:
            logger.warning(
                "the Dask scheduler at %s has no workers yet; tasks wait until 'dask worker %s' "
                "processes join",
                address,
                address,
            )
        self._in_flight = self.max_in_flight or max(4, 2 * threads)
        logger.info(
            "Dask engine on %s: %d workers, %d threads, %d tasks in flight",
            address,
            len(nthreads),
            threads,
            self._in_flight,
        )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if isinstance(exc, KeyboardInterrupt):
            silence_dask_logs()
        if self._client is not None:
            self._client.close()  # type: ignore[no-untyped-call]
            self._client = None
        self._close_cluster()

    def read(self, paths: Sequence[Path], *, config: Config) -> Iterator[list[Article | Rejection]]:
        """Each file's articles and rejections, one task per file, file by file."""
        client = self._connected()

        def submit(path: Path) -> Future[list[Article | Rejection]]:
            return client.submit(read_file, path, config=config, pure=False)

        for path, future in _submitted_in_order(submit, paths, max_in_flight=self._in_flight):
            error = _task_error(future)
            if error is None:
                yield _task_result(future, address=self._scheduler_address)
            else:
                logger.warning("reading %s failed on the Dask cluster: %r", path, error)
                yield [Rejection(str(path), ENGINE_ERROR, _describe("reading the file", error))]

    def prepare(
        self, articles: Iterable[Article], *, preparer: ArticlePreparer
    ) -> Iterator[PreparedArticle | Rejection]:
        """``preparer`` of each article, in batches of ``batch_articles`` per task, in order.

        The preparer travels with each task (about 2 KB pickled as a run makes it; the
        stemmer and the preparations it keeps for copies are left behind). A batch that fails
        is prepared again article by article, so only the articles that fail on their own are
        rejected.
        """
        client = self._connected()

        def submit(batch: list[Article]) -> Future[list[PreparedArticle | Rejection]]:
            return client.submit(prepare_batch, batch, preparer, pure=False)

        batches = _batches(articles, size=self.batch_articles)
        for batch, future in _submitted_in_order(submit, batches, max_in_flight=self._in_flight):
            error = _task_error(future)
            if error is None:
                yield from _task_result(future, address=self._scheduler_address)
            elif len(batch) == 1:
                yield _rejected(batch[0], error)
            else:
                logger.warning(
                    "preparing %d articles failed on the Dask cluster (%r); retrying one by one",
                    len(batch),
                    error,
                )
                yield from self._prepare_one_by_one(batch, preparer=preparer)

    def _prepare_one_by_one(
        self, batch: list[Article], *, preparer: ArticlePreparer
    ) -> Iterator[PreparedArticle | Rejection]:
        client = self._connected()

        def submit(article: Article) -> Future[list[PreparedArticle | Rejection]]:
            return client.submit(prepare_batch, [article], preparer, pure=False)

        for article, future in _submitted_in_order(submit, batch, max_in_flight=self._in_flight):
            error = _task_error(future)
            if error is None:
                yield from _task_result(future, address=self._scheduler_address)
            else:
                yield _rejected(article, error)

    @property
    def scheduler_address(self) -> str:
        """The address of the scheduler this engine is connected to (of the LocalCluster it
        started, when given none)."""
        self._connected()
        return self._scheduler_address

    def _connected(self) -> Client:
        if self._client is None:
            raise EngineError(
                "DaskEngine is not connected; use it as 'with DaskEngine(...) as engine:'"
            )
        return self._client

    def _close_cluster(self) -> None:
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def _check_address(address: str) -> None:
    """Raise ``ConfigError`` unless ``address`` reads as a scheduler address."""
    try:
        _, location = parse_address(address)
        host, port = parse_host_port(location)
    except ValueError as e:
        raise ConfigError(
            f"'scheduler' must be a Dask scheduler address like 'tcp://host:8786'; "
            f"got {address!r} ({e})"
        ) from e
    if not host:
        raise ConfigError(
            f"'scheduler' must name a host, as in 'tcp://host:8786'; got {address!r} (port {port})"
        )


def _batches(articles: Iterable[Article], *, size: int) -> Iterator[list[Article]]:
    """``articles`` in consecutive lists of ``size`` (the last may be shorter)."""
    stream = iter(articles)
    while batch := list(itertools.islice(stream, size)):
        yield batch


def _submitted_in_order(
    submit: Callable[[_Item], Future[_Result]],
    items: Iterable[_Item],
    *,
    max_in_flight: int,
) -> Iterator[tuple[_Item, Future[_Result]]]:
    """Each item with its task's future, in order, at most ``max_in_flight`` submitted ahead.

    An item is submitted only when the consumer has taken enough earlier ones, so ``items`` is
    read lazily; tasks still pending when the consumer stops are cancelled.
    """
    pending: deque[tuple[_Item, Future[_Result]]] = deque()
    try:
        for item in items:
            pending.append((item, submit(item)))
            if len(pending) >= max_in_flight:
                yield pending.popleft()
        while pending:
            yield pending.popleft()
    finally:
        for _, future in pending:
            # A generator dropped after its client closed (an interrupted run) finds the
            # client's loop closed: its tasks went with the client.
            with contextlib.suppress(RuntimeError):
                future.cancel()  # type: ignore[no-untyped-call]


def _task_error(future: Future[_Result]) -> BaseException | None:
    """The exception the task raised (``KilledWorker`` if its workers kept dying), once done."""
    error = future.exception()  # type: ignore[no-untyped-call]
    return error if isinstance(error, BaseException) else None


def _task_result(future: Future[_Result], *, address: str) -> _Result:
    """The result of a task that raised nothing; a task the cluster lost stops the run."""
    try:
        return future.result()
    except CancelledError as e:
        raise EngineError(
            f"the Dask cluster at {address} lost task {future.key!r} ({e}); is the scheduler "
            f"still running?"
        ) from e


def _rejected(article: Article, error: BaseException) -> Rejection:
    return Rejection(
        article.source, ENGINE_ERROR, _describe(f"preparing article {article.id!r}", error)
    )


def _describe(work: str, error: BaseException) -> str:
    return f"{work} failed on the Dask cluster: {type(error).__name__}: {error}"
