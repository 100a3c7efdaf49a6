"""The scan cache's files (``<venture>/.commissioning/cache/``): checked packs, atomic writes.

A pack is one file: a magic line, a JSON header (format, name, the code version that wrote it,
payload length, payload sha256) and the payload, pickled (protocol 5). Pickle because the
payload is the frozen dataclasses the parsers produce, and pickle round-trips them exactly
(tuples stay tuples, frozensets stay frozensets, equality holds) with no codec to keep in step
with every facts class others add fields to; the code version in the header changes whenever
that code does, so an old layout is never read into a new class. The facts and evidence
classes pickle as their class and field values (``evidence.pickling``), and the collector is
paused while a pickle loads; measured on 20,000 files, pickle writes the facts in ~0.3 s and
reads them in ~0.3 s (150,000 objects); a JSON codec would have to rebuild the same objects
field by field on top of parsing the text.

Nothing read is trusted before it is checked: a missing magic line or header, another format or
code version, a short payload or a checksum that does not match make the pack count as absent
(with a note saying which), and the scan rebuilds it. Unpickling is restricted to our own frozen
dataclasses and enums and a few builtin containers, so a pack placed in a venture by someone
else can make us read wrong facts at worst, never run code.

Writes go to a temporary file in the same folder and are renamed over the pack: a reader sees
the old pack or the new one, never half of one. A venture we cannot write to (read-only
checkout, ``.commissioning`` not a folder) scans without a cache, with a note.
"""

from __future__ import annotations

import dataclasses
import enum
import gc
import hashlib
import io
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from commissioning.config import STORE_DIR
from commissioning.evidence import Diagnostic, Severity

CACHE_DIR = f"{STORE_DIR}/cache"
FORMAT = 1
MAGIC = b"commissioning-cache\n"
_BUILTINS = frozenset({"frozenset", "set", "tuple", "list", "dict", "bytes", "bytearray", "str",
                       "int", "float", "bool", "complex", "NoneType"})


_ALLOWED: dict[tuple[str, str], Any] = {}  # what find_class has let through, by name


class _Unpickler(pickle.Unpickler):
    """Finds only builtin containers and our own dataclasses and enums: nothing callable else."""

    def find_class(self, module: str, name: str) -> Any:
        # asked once per class per pickle, and a facts pack holds a pickle per file: what was
        # let through once is remembered (only that: a refusal is decided again each time)
        found = _ALLOWED.get((module, name))
        if found is not None:
            return found
        if module == "builtins" and name in _BUILTINS:
            found = super().find_class(module, name)
        elif module.startswith("commissioning.") and "." not in name:
            found = super().find_class(module, name)
            if not (isinstance(found, type) and (dataclasses.is_dataclass(found)
                                                 or issubclass(found, enum.Enum))):
                found = None
        if found is None:
            raise pickle.UnpicklingError(f"not a cache type: {module}.{name}")
        _ALLOWED[(module, name)] = found
        return found


def loads(blob: bytes) -> Any:
    """Unpickle cache data with the restricted unpickler.

    The cyclic garbage collector is paused meanwhile: unpickling makes many objects and no
    garbage, yet every 700 of them start a collection, and now and then a full one that walks
    every object of the process (a warm scan of 20,000 files ran ~125 collections, ~30 with
    the pause; loading the facts of 16,500 files took ~1.0 s with them, ~0.3 s without).
    """
    if not gc.isenabled():
        return _Unpickler(io.BytesIO(blob)).load()
    gc.disable()
    try:
        return _Unpickler(io.BytesIO(blob)).load()
    finally:
        gc.enable()


def dumps(value: object) -> bytes:
    return pickle.dumps(value, protocol=5)


class CacheDir:
    """The cache folder of one venture: read and write named packs, collect notes on the way."""

    def __init__(self, root: Path, *, write: bool = True) -> None:
        """``write=False``: use what is there, change nothing (a scan that stores nothing)."""
        self.path = root / CACHE_DIR
        self.notes: list[Diagnostic] = []
        self._writable: bool | None = None if write else False

    def note(self, code: str, message: str, severity: Severity = Severity.INFO) -> None:
        self.notes.append(Diagnostic(severity, code, message, CACHE_DIR))

    def read(self, name: str, version: str) -> Any | None:
        """The payload of pack ``name`` written by code ``version``, or None (with a note when a
        pack was there but could not be trusted)."""
        path = self.path / f"{name}.pack"
        try:
            raw = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):  # no cache yet (or no folder for one)
            return None
        except OSError as exc:
            self.note("cache-unreadable", f"{name} cache not read ({exc.strerror or exc}); "
                      "rebuilt", Severity.WARNING)
            return None
        problem, payload = _check(raw, name, version)
        if problem is None:
            try:
                return loads(payload)
            except Exception as exc:  # any decoding failure means: not ours, rebuild
                problem = f"cache-corrupt:does not decode ({type(exc).__name__})"
        code, why = problem.split(":", 1)
        self.note(code, f"{name} cache ignored and rebuilt: {why}",
                  Severity.INFO if code == "cache-foreign" else Severity.WARNING)
        return None

    def write(self, name: str, version: str, payload: object) -> bool:
        """Write pack ``name`` atomically; False (and a note, once) when the venture is not
        writable."""
        if not self._ensure():
            return False
        body = dumps(payload)
        header = json.dumps({"format": FORMAT, "name": name, "version": version,
                             "length": len(body), "sha256": hashlib.sha256(body).hexdigest()},
                            sort_keys=True).encode("utf-8")
        try:
            fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.path)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(MAGIC + header + b"\n" + body)
                Path(temp).replace(self.path / f"{name}.pack")
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self._disable(exc)
            return False
        return True

    def remove(self, name: str) -> None:
        """Delete pack ``name`` if it is there (a pack an older version wrote)."""
        if self._writable is not False:
            try:
                (self.path / f"{name}.pack").unlink(missing_ok=True)
            except OSError as exc:
                self._disable(exc)

    def _ensure(self) -> bool:
        if self._writable is None:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
                ignore = self.path / ".gitignore"
                if not ignore.exists():  # never committed, whatever the venture's .gitignore says
                    ignore.write_text("# commissioning's scan cache: safe to delete\n*\n",
                                      encoding="utf-8")
                self._writable = True
            except OSError as exc:
                self._disable(exc)
        return bool(self._writable)

    def _disable(self, exc: OSError) -> None:
        if self._writable is not False:
            self.note("cache-disabled", f"cache disabled: cannot write {CACHE_DIR} "
                      f"({exc.strerror or exc}); the scan ran without it")
        self._writable = False


def _check(raw: bytes, name: str, version: str) -> tuple[str | None, bytes]:
    """(None, payload) for a sound pack, else ("code:why", b"")."""
    if not raw.startswith(MAGIC):
        return "cache-corrupt:not a cache file", b""
    head, sep, body = raw[len(MAGIC):].partition(b"\n")
    try:
        header = json.loads(head) if sep else None
    except ValueError:
        header = None
    if not isinstance(header, dict):
        return "cache-corrupt:its header is unreadable", b""
    if header.get("format") != FORMAT or header.get("name") != name \
            or header.get("version") != version:
        return "cache-foreign:written by another version of commissioning", b""
    if len(body) != header.get("length"):
        return "cache-truncated:the file is truncated", b""
    if hashlib.sha256(body).hexdigest() != header.get("sha256"):
        return "cache-corrupt:its checksum does not match", b""
    return None, body
