"""Read the venture's CODEOWNERS file: the ownership facts the pure router decides from.

Reading the file is the only I/O; matching is done by the maintained ``codeowners`` parser
(GitHub semantics: the last matching line wins, sections as GitLab writes them). The file is
looked for where GitHub and GitLab look: ``.github/``, the root, ``docs/``, ``.gitlab/``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from codeowners import CodeOwners

from commissioning.tasks.routing import OwnerFact

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")


@dataclass(frozen=True, slots=True)
class CodeownersFile:
    path: str  # relative to the venture root
    text: str

    def owners_of(self, paths: Iterable[str]) -> dict[str, OwnerFact]:
        """For each path, the owners of the CODEOWNERS line that covers it (and that line)."""
        parsed = CodeOwners(self.text)
        facts: dict[str, OwnerFact] = {}
        for path in sorted(set(paths)):
            owners, line, pattern, _section = parsed.matching_line(path)
            facts[path] = OwnerFact(path=path, owners=tuple(name for _, name in owners),
                                    file=self.path, line=line, pattern=pattern)
        return facts


def find_codeowners(root: Path) -> CodeownersFile | None:
    """The venture's CODEOWNERS file, or None when it has none (or it cannot be read)."""
    for relative in LOCATIONS:
        candidate = root / relative
        if candidate.is_file():
            try:
                return CodeownersFile(relative, candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                return None
    return None
