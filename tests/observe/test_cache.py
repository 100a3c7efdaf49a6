"""Cache packs: written atomically, read back only when every check holds."""

from __future__ import annotations

import dataclasses
import gc
import os
import pickle
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import evidence_items

import commissioning.evidence.model as evidence_model
import commissioning.observe.python.facts as py_facts
import commissioning.observe.ruby.facts as rb_facts
import commissioning.observe.sql.facts as sql_facts
import commissioning.observe.typescript.facts as ts_facts
from commissioning.evidence import (
    Diagnostic,
    Evidence,
    EvidenceSnapshot,
    Kind,
    ScanInputs,
    Severity,
    TableInfo,
    TableKey,
    Unknown,
)
from commissioning.evidence.pickling import FastPickle, field_values
from commissioning.observe import parsers
from commissioning.observe.cache import CACHE_DIR, CacheDir, dumps, loads


def _codes(cache: CacheDir) -> list[str]:
    return [n.code for n in cache.notes]


def test_round_trip_and_the_folder_ignores_itself(tmp_path: Path) -> None:
    value = {b"k": (Diagnostic(Severity.INFO, "c", "m", "p", 3), frozenset({"a"}))}
    cache = CacheDir(tmp_path)
    assert cache.write("facts", "v1", value)
    assert CacheDir(tmp_path).read("facts", "v1") == value
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"
    assert sorted(p.name for p in (tmp_path / CACHE_DIR).iterdir()) == [".gitignore",
                                                                         "facts.pack"]


def test_a_missing_pack_is_silent(tmp_path: Path) -> None:
    cache = CacheDir(tmp_path)
    assert cache.read("facts", "v1") is None and cache.notes == []


@pytest.mark.parametrize(("damage", "code"), [
    (lambda raw: raw[:-7], "cache-truncated"),
    (lambda raw: raw[:-1] + bytes([raw[-1] ^ 0xFF]), "cache-corrupt"),
    (lambda raw: b"garbage" + raw, "cache-corrupt"),
    (lambda raw: raw.replace(b'"version": "v1"', b'"version": "v0"'), "cache-foreign"),
    (lambda raw: raw.replace(b"{", b"[", 1), "cache-corrupt"),
])
def test_damaged_packs_are_not_trusted(tmp_path: Path, damage: object, code: str) -> None:
    CacheDir(tmp_path).write("facts", "v1", {b"k": b"v"})
    pack = tmp_path / CACHE_DIR / "facts.pack"
    pack.write_bytes(damage(pack.read_bytes()))  # type: ignore[operator]
    cache = CacheDir(tmp_path)
    assert cache.read("facts", "v1") is None
    assert _codes(cache) == [code]


def test_a_pack_that_would_run_code_is_refused(tmp_path: Path) -> None:
    class Sneaky:
        def __reduce__(self) -> tuple[object, tuple[()]]:
            import os

            return (os.getcwd, ())

    cache = CacheDir(tmp_path)
    cache.write("facts", "v1", {b"k": b"v"})
    pack = tmp_path / CACHE_DIR / "facts.pack"
    evil = pickle.dumps(Sneaky(), protocol=5)  # a sound header and checksum around it
    import hashlib
    import json

    header = json.dumps({"format": 1, "name": "facts", "version": "v1", "length": len(evil),
                         "sha256": hashlib.sha256(evil).hexdigest()}, sort_keys=True)
    pack.write_bytes(b"commissioning-cache\n" + header.encode() + b"\n" + evil)
    reader = CacheDir(tmp_path)
    assert reader.read("facts", "v1") is None
    assert _codes(reader) == ["cache-corrupt"]


def test_an_unwritable_folder_disables_the_cache_once(tmp_path: Path) -> None:
    (tmp_path / ".commissioning").write_text("not a folder")
    cache = CacheDir(tmp_path)
    assert not cache.write("facts", "v1", {})
    assert not cache.write("stamps", "v1", {})
    assert _codes(cache) == ["cache-disabled"]


def test_writes_leave_no_temporary_file(tmp_path: Path) -> None:
    cache = CacheDir(tmp_path)
    for i in range(3):
        cache.write("scan", "v1", {"i": i})
    assert sorted(p.name for p in (tmp_path / CACHE_DIR).iterdir()) == [".gitignore",
                                                                         "scan.pack"]
    assert cache.read("scan", "v1") == {"i": 2}


# -- the pickle form of our frozen dataclasses (evidence.pickling) ----------------------------

_HOT_MODULES = (evidence_model, ts_facts, py_facts, rb_facts, sql_facts)


def _hot_classes() -> list[type]:
    return [c for module in _HOT_MODULES for c in vars(module).values()
            if isinstance(c, type) and dataclasses.is_dataclass(c)
            and c.__module__ == module.__name__]


@pytest.mark.parametrize("cls", _hot_classes(), ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_hot_class_pickles_as_its_field_values(cls: type) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    assert issubclass(cls, FastPickle)
    value = cls(*(f"{cls.__name__}.{name}" for name in names))  # a distinct value per field
    assert value.__reduce_ex__(5) == (cls, tuple(getattr(value, n) for n in names))
    back = loads(dumps(value))
    assert type(back) is cls and back == value
    assert [getattr(back, n) for n in names] == [getattr(value, n) for n in names]


_SOURCES = {
    "typescript": ('src/db/repo.ts', 'import { db } from "./index";\n'
                   'import { orders } from "./schema";\n'
                   'export const t = pgTable("orders", { id: serial("id") });\n'
                   'export async function list() {\n'
                   '  "use server";\n'
                   '  await fetch(`/api/orders/${1}`);\n'
                   '  return db.select().from(orders);\n}\n'),
    "python": ("app/models.py", "from django.db import models\n\n"
               "class Order(models.Model):\n    total = models.IntegerField()\n\n"
               "    class Meta:\n        db_table = 'orders'\n\n"
               "@app.get('/orders')\ndef list_orders():\n"
               "    return Order.objects.filter(total__gt=1)\n"),
    "ruby": ("app/models/order.rb", "class Order < ApplicationRecord\n"
             "  self.table_name = 'orders'\n  has_many :items\n"
             "  def close!\n    update!(closed: true)\n  end\nend\n"),
    "sql": ("db/001.sql", "create table orders (id int);\ninsert into orders values (1);\n"
            "alter table orders rename to old_orders;\n"),
}


@pytest.mark.parametrize("parser", [parsers.typescript(["db."]),
                                    parsers.python(["objects"], is_test=False),
                                    parsers.ruby([]), parsers.sql("postgres", "public")],
                         ids=lambda p: p.kind)
def test_parse_results_round_trip_equal(parser: parsers.FileParser[object]) -> None:
    path, text = _SOURCES[parser.kind]
    result = parser.run(text, path)
    assert loads(dumps(result)) == result
    assert b"_dataclass_setstate" not in dumps(result)


@settings(max_examples=25, deadline=None)
@given(st.from_type(ts_facts.FileFacts), st.from_type(rb_facts.RubyFacts),
       st.lists(evidence_items, max_size=5))
def test_random_facts_and_evidence_round_trip(ts: ts_facts.FileFacts, rb: rb_facts.RubyFacts,
                                              evidence: list[Evidence]) -> None:
    snapshot = EvidenceSnapshot.build("v", ScanInputs("sha256:x"), evidence=evidence,
                                      tables=[TableInfo(e.table, "drizzle") for e in evidence],
                                      unknowns=[Unknown(Kind.DATA, "db down")],
                                      diagnostics=[Diagnostic(Severity.INFO, "c", "m", "p", 1)])
    back = loads(dumps((ts, rb, snapshot)))
    assert back == (ts, rb, snapshot) and back[2].id == snapshot.id


def test_a_class_whose_init_is_not_its_fields_is_refused_a_field_pickle() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Derived(FastPickle):
        a: int
        b: int = dataclasses.field(default=0, init=False)

    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class KeywordOnly(FastPickle):
        a: int

    class NotADataclass(FastPickle):
        __slots__ = ("a",)

    for cls in (Derived, NotADataclass):
        with pytest.raises(TypeError):
            field_values(cls)
    with pytest.raises(TypeError):
        dumps(KeywordOnly(a=1))


class _Runs:
    def __init__(self, call: object, *args: object) -> None:
        self.call, self.args = call, args

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (self.call, self.args)


@pytest.mark.parametrize("planted", [
    _Runs(os.system, "echo planted"),
    _Runs(subprocess.call, ["true"]),
    _Runs(eval, "1"),
    _Runs(CacheDir, "."),  # ours, callable, yet not a dataclass: it would write files
    _Runs(dumps, 1),  # ours, a function
], ids=["os.system", "subprocess", "eval", "CacheDir", "function"])
def test_a_planted_callable_is_refused_even_beside_our_classes(planted: _Runs) -> None:
    evidence = Evidence(TableKey("public", "t"), Kind.SCHEMA, "d", path="a.ts", line=1)
    for _ in range(2):  # also once the unpickler has let our own classes through before
        with pytest.raises(pickle.UnpicklingError, match="not a cache type"):
            loads(pickle.dumps([evidence, planted], protocol=5))
    assert loads(dumps([evidence])) == [evidence]


def test_loading_pauses_the_collector_and_restores_it() -> None:
    assert gc.isenabled()
    with pytest.raises(pickle.UnpicklingError):
        loads(pickle.dumps(_Runs(os.system, "true"), protocol=5))
    assert gc.isenabled()
    gc.disable()
    try:
        assert loads(dumps((1, "a"))) == (1, "a")
        assert not gc.isenabled()
    finally:
        gc.enable()
