"""Read-only git facts about a venture: the commit its files were scanned at."""

from __future__ import annotations

import subprocess
from pathlib import Path


def head_commit(root: Path) -> str | None:
    """HEAD of the repository holding ``root``, or None outside git (or without git)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--verify", "--quiet", "HEAD"],
            capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and len(commit) == 40 else None
