"""Parse many files across cores: a process pool over chunks of files, or one file at a time.

Parsing is pure CPU (tree-sitter, ``ast``, sqlglot) and holds the GIL, so threads would not
help; processes do. The main process reads each text just before its chunk is sent (at most
``2 × workers`` chunks are in flight, so texts never pile up in memory), a worker parses the
chunk and sends back the pickled results, and the caller puts them back in path order: the
merge is deterministic whatever order the chunks finish in. Below ``MIN_PARALLEL`` files (fewer
for slow parsers, fewer again once a pool runs), or with one core, starting workers costs more
than it saves and the files are parsed here.

Workers are started by a fork server that has already imported the parsers (``spawn`` where
there is no fork server): forking the scanning process itself would copy whatever threads it
runs (a progress bar's), which ``fork`` does not do safely.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import forkserver
from multiprocessing.context import BaseContext
from typing import Any

from commissioning.observe.parsers import FileParser

MIN_PARALLEL = 2000  # files to parse before a pool pays for itself (~0.5 s to start one)
# ... for parsers much slower per file (a SQL migration costs ~15 TypeScript modules), and
# once a pool runs anyway, whatever fills every worker's first chunks
MIN_PARALLEL_BY_KIND = {"sql": 150}
MIN_CHUNK, MAX_CHUNK = 16, 256
_PRELOAD = ["commissioning.observe.parallel", "commissioning.observe.typescript.parser",
            "commissioning.observe.python.parser", "commissioning.observe.sql.read"]
Parsed = tuple[str, Any, bytes | None]  # path, result (None: no text), pickled result


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class ParsePool:
    """Parses with up to ``workers`` processes, started on first need and closed by ``close``."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = available_cores() if workers is None or workers < 1 else workers
        self._pool: ProcessPoolExecutor | None = None
        self.broken = ""  # why parsing fell back to this process, when it did

    def parse(self, parser: FileParser[Any], paths: Sequence[str],
              read: Callable[[str], str | None]) -> Iterator[Parsed]:
        """Each path with its result, as they complete; pickled results come with the parallel
        path (the cache stores them as they are)."""
        done: set[str] = set()
        if self.workers >= 2 and len(paths) >= self._threshold(parser) and not self.broken:
            try:
                for item in self._parallel(parser, paths, read):
                    done.add(item[0])
                    yield item
                return
            except BrokenProcessPool as exc:  # e.g. a script without a __main__ guard
                self.broken = f"parallel parsing stopped ({exc}); the rest was parsed in one " \
                    "process (a script that scans must guard its code with " \
                    "`if __name__ == \"__main__\":`)"
                self.close()
        for path in paths:
            if path not in done:
                text = read(path)
                yield path, (parser.run(text, path) if text is not None else None), None

    def _threshold(self, parser: FileParser[Any]) -> int:
        if self._pool is not None:
            return 2 * self.workers * MIN_CHUNK
        return min(MIN_PARALLEL, MIN_PARALLEL_BY_KIND.get(parser.kind, MIN_PARALLEL))

    def _parallel(self, parser: FileParser[Any], paths: Sequence[str],
                  read: Callable[[str], str | None]) -> Iterator[Parsed]:
        pool = self._started()
        size = max(MIN_CHUNK, min(MAX_CHUNK, len(paths) // (self.workers * 8) or 1))
        chunks = (paths[i:i + size] for i in range(0, len(paths), size))
        running: set[Future[list[tuple[str, bytes]]]] = set()
        while True:
            while len(running) < 2 * self.workers:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                texts = []
                for path in chunk:
                    text = read(path)
                    if text is None:
                        yield path, None, None
                    else:
                        texts.append((path, text))
                running.add(pool.submit(_work, parser, texts))
            if not running:
                return
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                for path, blob in future.result():
                    yield path, pickle.loads(blob), blob

    def prepare(self, files: int) -> None:
        """Start the fork server now, without waiting for it, when ``files`` to parse will need
        workers: it imports the parsers while the scan lists and detects (~0.5 s saved)."""
        if self.workers >= 2 and files >= MIN_PARALLEL and self._pool is None \
                and _context().get_start_method() == "forkserver":
            forkserver.ensure_running()

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context())
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _context() -> BaseContext:
    """The fork server's context with the parsers preloaded (spawn where there is none)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def _work(parser: FileParser[Any], texts: list[tuple[str, str]]) -> list[tuple[str, bytes]]:
    """In a worker: parse a chunk, send the results back pickled (ready for the cache)."""
    return [(path, pickle.dumps(parser.run(text, path), protocol=5)) for path, text in texts]
