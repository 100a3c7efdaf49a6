"""Live evidence from the venture's own database, read strictly read-only.

``DatabaseObserver`` is the entry point; ``base`` holds the contract every live observer (this
one and the test-report observer) meets.
"""

from commissioning.observe.live.base import LiveObserver, LiveResult, StaticView
from commissioning.observe.live.connection import LiveDatabase
from commissioning.observe.live.database import DatabaseObserver

__all__ = ["DatabaseObserver", "LiveDatabase", "LiveObserver", "LiveResult", "StaticView"]
