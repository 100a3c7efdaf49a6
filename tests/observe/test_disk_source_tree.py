from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioning.observe.source_tree import (
    DiskSourceTree,
    MemorySourceTree,
    any_matcher,
    matches_any,
)


def _codes(tree: DiskSourceTree | MemorySourceTree) -> dict[str, str]:
    return {d.path or "": d.code for d in tree.diagnostics()}


def test_walk_skips_own_store_dependencies_and_excluded(tmp_path: Path) -> None:
    for rel in ["src/a.ts", ".commissioning/commissioning.db", "node_modules/x/index.js",
                "legacy/old.ts", "src/.next/cache.js"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    tree = DiskSourceTree(tmp_path, exclude=("legacy/**",))
    assert tree.files() == ("src/a.ts",)


def test_symlink_loop_is_noted_not_followed_forever(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.ts").write_text("x")
    (tmp_path / "src" / "loop").symlink_to(tmp_path / "src")
    tree = DiskSourceTree(tmp_path)
    assert tree.files() == ("src/a.ts",)
    assert "symlink-loop" in _codes(tree).values()


def test_unreadable_directory_is_noted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads everything, so the OS refusal is injected where the walk meets the OS."""
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.ts").write_text("x")
    (tmp_path / "open.ts").write_text("x")
    real_scandir = os.scandir

    def refusing(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", refusing)
    tree = DiskSourceTree(tmp_path)
    assert tree.files() == ("open.ts",)
    assert _codes(tree)["locked"] == "unreadable"


def test_binary_non_utf8_and_large_files_are_skipped_with_notes(tmp_path: Path) -> None:
    (tmp_path / "logo.ts").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "latin.ts").write_bytes("const a = 'café';".encode("latin-1"))
    (tmp_path / "big.sql").write_text("x" * 200)
    (tmp_path / "ok.ts").write_text("export const a = 1;\n")
    tree = DiskSourceTree(tmp_path, max_file_bytes=100)
    texts = {p: tree.text(p) for p in tree.files()}
    assert texts["ok.ts"] == "export const a = 1;\n"
    assert texts["logo.ts"] is None and texts["latin.ts"] is None and texts["big.sql"] is None
    assert _codes(tree) == {"logo.ts": "skipped-binary", "latin.ts": "not-utf8",
                            "big.sql": "skipped-large"}


def test_memory_tree_behaves_like_disk() -> None:
    tree = MemorySourceTree({"b.ts": "b", "a.ts": b"\x00bin", "node_modules/x.js": "x"})
    assert tree.files() == ("a.ts", "b.ts")
    assert tree.text("b.ts") == "b" and tree.text("a.ts") is None


def test_globstar_matches_zero_directories() -> None:
    assert matches_any("seed.ts", ["**/seed*.ts"])
    assert matches_any("src/db/seed.ts", ["**/seed*.ts"])
    assert not matches_any("src/db/seeder.js", ["**/seed*.ts"])


_GLOB_PARTS = st.sampled_from(["a", "b", "/", "*", "**/", "?", ".ts", "[ab]", "[!a]", "x"])
_PATH_PARTS = st.sampled_from(["a", "b", "/", ".ts", "x", "ab", "a/b"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_GLOB_PARTS, max_size=6).map("".join), max_size=4),
       st.lists(_PATH_PARTS, max_size=6).map("".join))
def test_compiled_globs_match_as_matches_any(patterns: list[str], path: str) -> None:
    assert any_matcher(tuple(patterns))(path) == matches_any(path, patterns)
