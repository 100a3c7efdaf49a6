"""Path globs as users write them: ``*`` stays inside one folder, ``**/`` spans zero or more.

``source_tree.matches_any`` is built on ``fnmatch``, where ``*`` also crosses ``/``: there
``**/seed*.ts`` matches ``app/seedlings/page.ts``, which would take a page's roles away. Role
and SQL globs are therefore compiled here, once, into one regular expression per set.
Supported: ``**``, ``*``, ``?``, ``[…]`` and ``{a,b}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field


def _translate(glob: str) -> str:
    out: list[str] = []
    i, n = 0, len(glob)
    while i < n:
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and "]" in glob[i + 1:]:
            close = glob.index("]", i + 1)
            body = glob[i + 1:close]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = close + 1
        elif glob[i] == "{" and "}" in glob[i + 1:]:
            close = glob.index("}", i + 1)
            options = glob[i + 1:close].split(",")
            out.append("(?:" + "|".join(_translate(o) for o in options) + ")")
            i = close + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out)


@dataclass(frozen=True, slots=True)
class GlobSet:
    """Several globs matched as one compiled expression."""

    globs: tuple[str, ...]
    _regex: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, globs: Iterable[str]) -> GlobSet:
        unique = tuple(dict.fromkeys(g for g in globs if g))
        if not unique:
            return cls(())
        pattern = "|".join(f"(?:{_translate(g)})" for g in unique)
        return cls(unique, re.compile(f"^(?:{pattern})$"))

    def match(self, path: str) -> bool:
        return self._regex is not None and self._regex.match(path) is not None

    def __bool__(self) -> bool:
        return bool(self.globs)
