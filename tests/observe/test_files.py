"""The git listing: what git knows, held to the walk's own exclusion rules."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from commissioning.observe.files import git_listing
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


def test_tracked_and_untracked_files_are_held_to_the_same_globs_as_the_walk(
        tmp_path: Path) -> None:
    paths = ["src/a.ts", "src/a.test.ts", "src/deep/b.test.ts", "a.test.ts", "docs/x.md",
             "docs/sub/y.md", "src/docs/z.md", "legacy/old.ts", "src/build/out.js",
             "scripts/run.ts", "scripts/tmp/scratch.ts"]
    exclude = ("**/*.test.ts", "docs/", "legacy/**", "scripts/tmp")
    _write(tmp_path, *paths[:6])
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")  # half tracked, half not
    _write(tmp_path, *paths[6:])
    walked = DiskSourceTree(tmp_path, exclude=exclude, use_git=False)
    listed = DiskSourceTree(tmp_path, exclude=exclude)
    assert listed.files() == walked.files() == ("scripts/run.ts", "src/a.ts", "src/docs/z.md")
    assert sorted(listed._listed_stats) == sorted(listed.files())  # each stat-ed once, kept


def test_a_repository_with_only_untracked_or_only_tracked_files_is_listed(
        tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _write(tmp_path, "b.ts", "a/c.ts")
    assert git_listing(tmp_path, lambda _, __: False) is not None
    assert DiskSourceTree(tmp_path).files() == ("a/c.ts", "b.ts")
    _git(tmp_path, "add", "-A")
    listing = git_listing(tmp_path, lambda _, __: False, by_file=False)
    assert listing is not None and listing.files == ("a/c.ts", "b.ts")
    assert git_listing(tmp_path / "a", lambda _, __: False) is not None  # a folder of it


def test_outside_a_repository_git_says_nothing(tmp_path: Path) -> None:
    _write(tmp_path, "a.ts")
    assert git_listing(tmp_path, lambda _, __: False) is None


def test_each_folder_is_judged_once_and_files_only_when_globs_can_exclude_them(
        tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _write(tmp_path, "a/b/1.ts", "a/b/2.ts", "a/c/3.ts", "4.ts")
    asked: list[tuple[str, bool]] = []

    def excluded(rel: str, is_dir: bool) -> bool:
        asked.append((rel, is_dir))
        return rel == "a/c"

    listing = git_listing(tmp_path, excluded, by_file=False)
    assert listing is not None and listing.files == ("4.ts", "a/b/1.ts", "a/b/2.ts")
    assert sorted(asked) == [("a", True), ("a/b", True), ("a/c", True)]
    asked.clear()
    assert git_listing(tmp_path, excluded) == listing
    assert sorted(asked) == [("4.ts", False), ("a", True), ("a/b", True), ("a/b/1.ts", False),
                             ("a/b/2.ts", False), ("a/c", True)]
