"""The git listing: what git knows, held to the walk's own exclusion rules."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from commissioning.observe.source_tree import DiskSourceTree

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def _write(root: Path, *paths: str) -> None:
    for rel in paths:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("export const x = 1;\n")


def test_git_lists_tracked_and_untracked_not_ignored_nor_deleted(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _write(tmp_path, "src/a.ts", "src/gone.ts", "node_modules/x/index.js", "legacy/old.ts",
           ".commissioning/cache/y.ts")
    (tmp_path / ".gitignore").write_text("generated/\n")
    _git(tmp_path, "add", "-A", "-f")  # even a tracked node_modules or cache stays out
    _write(tmp_path, "src/new.ts", "generated/big.ts")
    (tmp_path / "src" / "gone.ts").unlink()
    tree = DiskSourceTree(tmp_path, exclude=("legacy/**",))
    assert tree.files() == (".gitignore", "src/a.ts", "src/new.ts")


def test_a_nested_repository_is_walked_and_a_broken_link_noted(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _write(tmp_path, "app/a.ts", "vendor-lib/lib.ts")
    _git(tmp_path / "vendor-lib", "init", "-q")
    (tmp_path / "dangling.ts").symlink_to(tmp_path / "nowhere.ts")
    tree = DiskSourceTree(tmp_path)
    assert tree.files() == ("app/a.ts", "vendor-lib/lib.ts")
    assert {(d.code, d.path) for d in tree.diagnostics()} == {("broken-symlink", "dangling.ts")}


def test_git_and_walk_agree_where_nothing_is_ignored(tmp_path: Path) -> None:
    _write(tmp_path, "src/a.ts", "src/b/c.tsx", "dist/out.js", "README.md")
    walked = DiskSourceTree(tmp_path).files()  # not a repository yet: the walk
    _git(tmp_path, "init", "-q")
    assert DiskSourceTree(tmp_path).files() == walked
    assert DiskSourceTree(tmp_path, use_git=False).files() == walked
