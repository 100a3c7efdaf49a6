"""Which spec file of the venture a report's test belongs to.

Reports name files their own way: relative to the venture (pytest ``file``), relative to the
test folder (Playwright: ``intake.spec.ts`` for ``e2e/intake.spec.ts``), absolute (a CI path),
or as a dotted module (pytest ``classname`` ``tests.e2e.test_intake.TestIntake``). A name
resolves to the one spec path it equals or ends with at a folder boundary; a name that fits
several specs resolves to none (an ambiguity is reported, never guessed).
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

_AMBIGUOUS = "\0ambiguous"


@dataclass(frozen=True, slots=True)
class SpecIndex:
    specs: frozenset[str]
    root: str = ""  # the venture root, absolute, POSIX: strips absolute report paths
    _by_tail: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        tails: dict[str, set[str]] = defaultdict(set)
        for spec in self.specs:
            parts = spec.split("/")
            stem = spec.rsplit(".", 1)[0] if spec.endswith(".py") else None
            for i in range(len(parts)):
                tails["/".join(parts[i:])].add(spec)
            if stem is not None:
                stem_parts = stem.split("/")
                for i in range(len(stem_parts)):
                    tails["\0py:" + "/".join(stem_parts[i:])].add(spec)
        for tail, owners in tails.items():
            self._by_tail[tail] = next(iter(owners)) if len(owners) == 1 else _AMBIGUOUS

    def resolve(self, locators: Iterable[str]) -> str | None:
        """The spec path of the first locator that names exactly one spec."""
        for locator in locators:
            found = self._one(locator)
            if found is not None:
                return found
        return None

    def _one(self, locator: str) -> str | None:
        name = locator.strip().replace("\\", "/")
        if self.root and name.startswith(self.root + "/"):
            name = name[len(self.root) + 1:]
        name = posixpath.normpath(name).lstrip("/") if name else ""
        name = name.removeprefix("./")
        found = self._by_tail.get(name)
        if found is None and "/" not in name and "." in name:
            found = self._dotted(name)
        return None if found in (None, _AMBIGUOUS) else found

    def _dotted(self, name: str) -> str | None:
        """pytest's ``tests.e2e.test_intake.TestIntake``: the longest module prefix that is a
        spec."""
        parts = name.split(".")
        for end in range(len(parts), 0, -1):
            found = self._by_tail.get("\0py:" + "/".join(parts[:end]))
            if found is not None:
                return found
        return None
