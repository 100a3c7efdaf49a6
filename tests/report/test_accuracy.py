from __future__ import annotations

from commissioning.report.accuracy import score


def _doc(*tables: tuple[str, list[str]]) -> dict[str, object]:
    return {"tables": [{"name": n, "schema": "public", "evidence": {k: [{"path": "x"}] for k in ks}}
                       for n, ks in tables]}


def _label(table: str, present: list[str], state: int) -> dict[str, object]:
    kinds = ["schema", "migration", "data", "repository", "server_actions", "crud_ui", "etl",
             "a2a_api", "e2e_tests"]
    return {"table": table, "evidence": {k: {"present": k in present, "where": []} for k in kinds},
            "state": state}


def test_counts_precision_recall_and_states() -> None:
    labels = {"repo": "o/r", "tables": [
        _label("users", ["schema", "migration", "repository"], 2),
        _label("public.Orders", ["schema", "migration", "data"], 3),
        _label("ghosts", ["schema"], 1),
    ]}
    doc = _doc(("users", ["schema", "migration", "repository", "crud_ui"]),
               ("orders", ["schema", "migration"]))
    result = score(labels, doc)
    assert result["kinds"]["schema"] == {"tp": 2, "fp": 0, "fn": 1, "precision": 1.0,
                                         "recall": 0.6667}
    assert result["kinds"]["crud_ui"]["fp"] == 1 and result["kinds"]["crud_ui"]["precision"] == 0.0
    assert result["kinds"]["data"] == {"tp": 0, "fp": 0, "fn": 1, "precision": None,
                                       "recall": 0.0}
    assert result["kinds"]["etl"]["precision"] is None and result["kinds"]["etl"]["recall"] is None
    assert result["missing"] == ["ghosts"]
    # users: detected state 2 == labelled 2; orders: 2 vs 3 (within one); ghosts: not found
    assert result["state_exact"] == round(1 / 3, 4)
    assert result["state_within_1"] == round(2 / 3, 4)
    # tp 5 (users 3, orders 2), fp 1 (users crud_ui), fn 2 (orders data, ghosts schema)
    assert result["micro"] == {"precision": round(5 / 6, 4), "recall": round(5 / 7, 4)}
