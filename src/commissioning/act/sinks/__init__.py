"""The sinks: Markdown folder, GitHub Issues (REST), Linear (GraphQL). The store is the default
sink and needs no code here: a task is in the store before any sink sees it."""

from commissioning.act.sinks.base import RemoteState, Sink

__all__ = ["RemoteState", "Sink"]
