"""Where generated files go: a tiny writer that makes folders once and counts what it wrote."""

from __future__ import annotations

from pathlib import Path


class Writer:
    """Writes ``path → text`` under ``root``; ``count`` is how many files it has written."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0
        self._made: set[Path] = set()

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        folder = target.parent
        if folder not in self._made:
            folder.mkdir(parents=True, exist_ok=True)
            self._made.add(folder)
        target.write_text(text, encoding="utf-8")
        self.count += 1


def title(words: str) -> str:
    """``line_items`` → ``Line items``: how a page or a test names a table to people."""
    return words.replace("_", " ").replace("-", " ").capitalize()


def camel(words: str) -> str:
    """``line_items`` → ``LineItems``."""
    return "".join(part.capitalize() for part in words.replace("-", "_").split("_"))
