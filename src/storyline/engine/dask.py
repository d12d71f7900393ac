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
import dataclasses
import itertools
import logging
import queue
import socket
import threading
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
from distributed.comm.registry import get_backend

from storyline.config import Config, check_float, check_int
from storyline.engine.logs import silence_dask_logs
from storyline.errors import ConfigError, EngineError
from storyline.ingest.identifiers import path_name
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
        advice = (
            f"start one with 'dask scheduler' and workers with 'dask worker {address}', or leave "
            "the address out to run a local cluster"
        )
        try:
            if self.scheduler is not None:
                _check_listening(address, timeout_s=self.connect_timeout_s)
            self._client = _client_within(address, timeout_s=self.connect_timeout_s)
        except Exception as e:  # a refused port, a silent or foreign server, a parser's error
            self._close_cluster()
            raise EngineError(
                f"cannot reach the Dask scheduler at {address} within "
                f"{self.connect_timeout_s:g} s ({_reason(e)}); {advice}"
            ) from e
        nthreads: dict[str, int] = self._client.nthreads()  # type: ignore[no-untyped-call]
        if not sum(nthreads.values()):
            logger.warning(
                "the Dask scheduler at %s has no workers yet; waiting %g s for one "
                "('dask worker %s')",
                address,
                self.connect_timeout_s,
                address,
            )
            try:
                self._client.wait_for_workers(1, timeout=self.connect_timeout_s)
            except TimeoutError as e:
                self._client.close()  # type: ignore[no-untyped-call]
                self._client = None
                raise EngineError(
                    f"the Dask scheduler at {address} has no workers after "
                    f"{self.connect_timeout_s:g} s; start them with 'dask worker {address}'"
                ) from e
            nthreads = self._client.nthreads()  # type: ignore[no-untyped-call]
        threads = sum(nthreads.values())
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
        """Each file's articles and rejections, one task per file, file by file.

        A worker runs in a folder of its own: a relative path is sent as this process's
        absolute one, and what the file gave is named by the path as given, as the local
        engine names it."""
        client = self._connected()

        def submit(path: Path) -> Future[list[Article | Rejection]]:
            return client.submit(read_file, path.absolute(), config=config, pure=False)

        for path, future in _submitted_in_order(submit, paths, max_in_flight=self._in_flight):
            error = _task_error(future)
            if error is None:
                found = _task_result(future, address=self._scheduler_address)
                yield found if path.is_absolute() else _named_as_given(found, path)
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
        protocol, location = parse_address(address)
        host, port = parse_host_port(location)
    except ValueError as e:
        raise ConfigError(
            f"'scheduler' must be a Dask scheduler address like 'tcp://host:8786'; "
            f"got {address!r} ({e})"
        ) from e
    if protocol == "inproc":
        raise ConfigError(
            f"'scheduler' must name a scheduler another process can reach, like "
            f"'tcp://host:8786'; got {address!r} (inproc:// is one inside a single process)"
        )
    try:
        # Dask's transports, those of installed plug-ins included; one Dask knows but cannot
        # use here (ucx:// without its package) fails when asked for a connector.
        get_backend(protocol).get_connector()  # type: ignore[no-untyped-call]
    except Exception as e:  # ValueError: unknown; TypeError, ImportError: not usable here
        raise ConfigError(
            f"'scheduler' must be a Dask scheduler address like 'tcp://host:8786' (the "
            f"scheduler's port, 8786 by default, not the dashboard's); got {address!r}: "
            f"{type(e).__name__}: {e}"
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


def _check_listening(address: str, *, timeout_s: float) -> None:
    """Raise ``OSError`` at once when nothing listens at a TCP ``address`` (a refused port
    would otherwise be retried until the connect timeout)."""
    protocol, location = parse_address(address)
    if protocol != "tcp":
        return
    host, port = parse_host_port(location)
    with socket.create_connection((host, port), timeout=timeout_s):
        pass


def _client_within(address: str, *, timeout_s: float) -> Client:
    """A client of the scheduler at ``address``, or ``TimeoutError`` after ``timeout_s`` and a
    few seconds more: a server that accepts the connection and never answers as a scheduler
    would make ``Client`` wait for ever."""
    done: queue.Queue[Client | BaseException] = queue.Queue()

    def connect() -> None:
        try:
            done.put(Client(address, timeout=timeout_s, set_as_default=False))  # type: ignore[no-untyped-call]
        except BaseException as e:  # handed to the caller
            done.put(e)

    threading.Thread(target=connect, name="storyline-dask-connect", daemon=True).start()
    try:
        answer = done.get(timeout=timeout_s + _CONNECT_GRACE_S)
    except queue.Empty:
        raise TimeoutError(f"no answer as a Dask scheduler after {timeout_s:g} s") from None
    if isinstance(answer, BaseException):
        raise answer
    return answer


# Beyond the connect timeout, what the client is given to finish its handshake.
_CONNECT_GRACE_S = 5.0


def _reason(error: BaseException) -> str:
    """An error in a few words: what refused, timed out or failed, without a traceback."""
    text = " ".join(str(error).split())
    text = text if len(text) <= 160 else text[:157] + "..."
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _named_as_given(found: list[Article | Rejection], path: Path) -> list[Article | Rejection]:
    """What a worker read from ``path.absolute()``, its sources named by ``path`` as given."""
    absolute, given = path_name(path.absolute()), path_name(path)

    def renamed(source: str) -> str:
        return given + source[len(absolute) :] if source.startswith(absolute) else source

    return [dataclasses.replace(item, source=renamed(item.source)) for item in found]


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
