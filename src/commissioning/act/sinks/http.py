"""One request helper for the network sinks: every failure becomes one of our errors.

Timeouts, refused connections, 5xx and 429 are :class:`SinkUnavailable` (retry later, with the
tracker's ``Retry-After`` when it sent one, or GitHub's rate-limit reset); any other 4xx is a
:class:`SinkError` naming the request and the tracker's own message. No token ever appears in
a message.
"""

from __future__ import annotations

import time
from collections.abc import Container
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from commissioning.errors import SinkError, SinkUnavailable


def retry_after(response: httpx.Response) -> float | None:
    """Seconds to wait, from ``Retry-After`` (seconds or an HTTP date) or a rate-limit reset."""
    value = response.headers.get("retry-after")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            try:
                return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
            except (TypeError, ValueError):
                return None
    reset = response.headers.get("x-ratelimit-reset")
    if reset and reset.isdigit():
        return max(0.0, float(reset) - time.time())
    return None


def _message(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(data, dict):
        if isinstance(data.get("message"), str):
            return str(data["message"])
        errors = data.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            return str(errors[0].get("message", errors[0]))
    return str(data)[:200]


def send(client: httpx.Client, sink: str, method: str, url: str, *,
         passthrough: Container[int] = (), **kwargs: Any) -> httpx.Response:
    """``client.request`` with every failure turned into :class:`SinkError`/``SinkUnavailable``.

    A status in ``passthrough`` is returned for the caller to read (GraphQL answers its errors
    with a 400 and a body that says what went wrong).
    """
    try:
        response = client.request(method, url, **kwargs)
    except httpx.TimeoutException:
        raise SinkUnavailable(f"{sink}: {method} {url} timed out", sink=sink) from None
    except httpx.TransportError as exc:
        raise SinkUnavailable(f"{sink}: cannot reach {url}: {type(exc).__name__}: {exc}",
                              sink=sink) from None
    code = response.status_code
    if code in passthrough:
        return response
    limited = code == 403 and response.headers.get("x-ratelimit-remaining") == "0"
    if code == 429 or code >= 500 or limited:
        raise SinkUnavailable(
            f"{sink}: {method} {url} answered {code}: {_message(response)}", sink=sink,
            status=code, retry_after=retry_after(response))
    if code >= 400:
        hint = "check the token and its scopes" if code in (401, 403) else None
        raise SinkError(f"{sink}: {method} {url} answered {code}: {_message(response)}",
                        sink=sink, status=code, hint=hint)
    return response
