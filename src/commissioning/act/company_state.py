"""Write ``.company/state.json``'s ``phase``: the one file commissioning writes in a venture.

Observation never writes (``observe/delivery.py`` only reads). Moving the company phase is a
deliberate command of the user (``commission workflow advance --gate … --yes``), and this is
where it lands: every other key of the file is kept as it was, and the write is atomic — the
new content goes to a temporary file in the same folder, is flushed to disk, and replaces the
old file in one rename, so a reader sees the old state or the new one, never half of either.

:func:`prepare` writes the temporary file; :meth:`PreparedState.commit` renames it into place
and :meth:`PreparedState.discard` removes it: the caller records the gate outcome in the store
between the two, so a store that refuses leaves the file untouched.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from commissioning.delivery import COMPANY_STATE
from commissioning.errors import UserInputError


@dataclass(frozen=True, slots=True)
class PreparedState:
    target: Path
    temporary: Path

    def commit(self) -> Path:
        self.temporary.replace(self.target)
        return self.target

    def discard(self) -> None:
        self.temporary.unlink(missing_ok=True)


def prepare(root: Path, data: Mapping[str, object], phase: str) -> PreparedState:
    """The state file's JSON object ``data`` with ``phase`` set, written beside the file."""
    target = root / COMPANY_STATE
    content = json.dumps({**data, "phase": phase}, indent=2, ensure_ascii=False) + "\n"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".state.", suffix=".json.tmp",
                                        dir=target.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            Path(name).chmod(target.stat().st_mode & 0o777)
    except OSError as exc:
        raise UserInputError(f"cannot write {COMPANY_STATE}: {exc.strerror or exc}",
                             hint="check the folder's permissions") from None
    return PreparedState(target, Path(name))
