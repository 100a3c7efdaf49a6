"""The Factory Control Room and the JSON API: one FastAPI app, thin over ``services``.

``create_app(settings)`` builds it; ``commission serve`` runs it with uvicorn.
"""

from commissioning.web.app import create_app

__all__ = ["create_app"]
