"""The gate repository: the only writer of ``gate_events``, the audit of delivery gates.

``commission workflow advance --gate OUTCOME`` records here which gate outcome moved the company
workflow from which phase to which, who said so and why, before it writes the state file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import sessionmaker

from commissioning.report import VentureInfo
from commissioning.store.capabilities import venture_id_for, writer
from commissioning.store.failures import failing_as
from commissioning.store.models import GateEventRow, VentureRow


@dataclass(frozen=True, slots=True)
class GateEvent:
    machine: str
    gate: str
    source: str
    target: str
    actor: str
    reason: str
    at: datetime


class GateRepository:
    def __init__(self, engine: Engine) -> None:
        self._url = engine.url
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = writer(engine)

    def record(self, venture: VentureInfo, event: GateEvent) -> GateEvent:
        with failing_as(self._url, "could not record the gate outcome", "nothing was changed"), \
                self._writer.begin() as session:
            session.add(GateEventRow(
                venture_id=venture_id_for(session, venture, event.at), machine=event.machine,
                gate=event.gate, from_phase=event.source, to_phase=event.target,
                actor=event.actor, reason=event.reason, at=event.at))
        return event

    def list_for(self, venture: str, *, limit: int = 50) -> tuple[GateEvent, ...]:
        """The venture's recorded gate outcomes, newest first."""
        query = (select(GateEventRow).join(VentureRow, VentureRow.id == GateEventRow.venture_id)
                 .where(VentureRow.name == venture)
                 .order_by(GateEventRow.id.desc()).limit(limit))
        with failing_as(self._url, f"could not read the gate outcomes of '{venture}'"), \
                self._reader() as session:
            return tuple(GateEvent(r.machine, r.gate, r.from_phase, r.to_phase, r.actor,
                                   r.reason, r.at) for r in session.scalars(query))
