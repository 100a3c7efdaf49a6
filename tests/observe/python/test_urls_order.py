"""Routes of one handler on one line may mix wildcard (None) and literal segments."""

from __future__ import annotations

from commissioning.observe.python.urls import Route, RouteTable


def test_wildcard_and_literal_segments_on_one_line_sort_without_error() -> None:
    routes = [Route(("orders", None), "app/api.py", 10),
              Route(("orders", "export"), "app/api.py", 10),
              Route((None,), "app/api.py", 10, name="any")]
    table = RouteTable(routes)
    assert [r.segments for r in table.routes] == [(None,), ("orders", None), ("orders", "export")]
    assert RouteTable(reversed(routes)).routes == table.routes
