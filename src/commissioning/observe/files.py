"""List a venture's files the cheap way: ``git ls-files`` when the venture is in a git repository.

git already knows the tree (its index, and ``.gitignore`` for what is not tracked), and lists
20,000 files in a tenth of the time a Python walk takes; it also respects ``.gitignore``, so
generated output a venture ignores is not scanned. ``-c -o --exclude-standard`` lists tracked
files and untracked files that are not ignored, so a new file counts before it is committed.

What git lists is then held to the same rules as the walk: our always-excluded folders and the
venture's ``scan.exclude`` globs; tracked files deleted from the working tree are dropped; a
folder git lists (a submodule, a nested repository) is walked; a symlink to nothing is noted as
the walk notes it. Outside git, without git, or when git lists nothing (the venture sits in an
ignored folder of an outer repository), the caller walks the directory instead.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from commissioning.evidence import Diagnostic, Severity

GIT_TIMEOUT = 60  # seconds: a huge monorepo on a slow disk, not a hung process


@dataclass(frozen=True, slots=True)
class Listing:
    """What git listed, already held to the exclusion rules; ``folders`` must be walked."""

    files: tuple[str, ...]
    folders: tuple[str, ...]
    notes: tuple[Diagnostic, ...]
    stats: dict[str, os.stat_result]  # each listed file's stat, taken while listing


def git_listing(root: Path, excluded: Callable[[str, bool], bool]) -> Listing | None:
    """The venture's files as git sees them, or None when git cannot say (walk instead).

    ``excluded(path, is_dir)`` is the walk's own exclusion rule, applied to every listed path
    and to each of its parent folders.
    """
    raw = _ls_files(root)
    if not raw:
        return None
    files: list[str] = []
    folders: list[str] = []
    notes: list[Diagnostic] = []
    stats: dict[str, os.stat_result] = {}
    verdicts: dict[str, bool] = {}
    base = f"{root}/"
    for rel in sorted({p.rstrip("/") for p in raw}):
        if not rel or _folder_excluded(rel.rpartition("/")[0], excluded, verdicts):
            continue
        kind, info = _kind(base + rel)
        if kind == "dir":
            if not excluded(rel, True):
                folders.append(rel)
        elif kind == "file":
            if not excluded(rel, False):
                files.append(rel)
                if info is not None:
                    stats[rel] = info
        elif kind == "broken":
            notes.append(Diagnostic(Severity.INFO, "broken-symlink",
                                    "skipped: symlink to nothing", rel))
        # "gone": tracked but deleted from the working tree: not a file of the venture now
    return Listing(tuple(files), tuple(folders), tuple(notes), stats)


def _ls_files(root: Path) -> list[str] | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(
            [git, "-C", str(root), "-c", "core.quotepath=off", "ls-files", "-z", "--cached",
             "--others", "--exclude-standard"],
            capture_output=True, timeout=GIT_TIMEOUT, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    try:
        text = done.stdout.decode("utf-8")
    except UnicodeDecodeError:  # a file name git cannot give us as text: let the walk decide
        return None
    return [p for p in text.split("\0") if p]


def _folder_excluded(folder: str, excluded: Callable[[str, bool], bool],
                     verdicts: dict[str, bool]) -> bool:
    """Whether ``folder`` or any folder above it is excluded (memoised per folder)."""
    if not folder:
        return False
    verdict = verdicts.get(folder)
    if verdict is None:
        verdict = _folder_excluded(folder.rpartition("/")[0], excluded, verdicts) \
            or excluded(folder, True)
        verdicts[folder] = verdict
    return verdict


def _kind(path: str) -> tuple[str, os.stat_result | None]:
    try:
        info = os.stat(path)  # noqa: PTH116 - a str path: 20,000 of them, no Path objects
    except FileNotFoundError:
        return ("broken" if Path(path).is_symlink() else "gone"), None
    except OSError:
        return "file", None  # listed but not stat-able: reading it will say why
    if stat.S_ISDIR(info.st_mode):
        return "dir", None
    return ("file" if stat.S_ISREG(info.st_mode) else "other"), info  # other: socket, fifo
