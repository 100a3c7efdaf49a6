from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Runner

KINDS = ["schema", "migration", "data", "repository", "server_actions", "crud_ui", "etl",
         "a2a_api", "e2e_tests"]


def _labels(tmp_path: Path) -> Path:
    growers = {k: {"present": True, "where": []} for k in KINDS}
    harvests = {k: {"present": k in ("schema", "migration", "repository", "data"), "where": []}
                for k in KINDS}
    path = tmp_path / "labels.json"
    path.write_text(json.dumps({"repo": "local/mini", "commit": "0" * 40, "stack": "drizzle",
                                "tables_total": 3, "tables": [
                                    {"table": "growers", "evidence": growers, "state": 9},
                                    {"table": "public.harvests", "evidence": harvests, "state": 4},
                                    {"table": "weather", "evidence": {"schema": {"present": True}},
                                     "state": 1}]}))
    return path


def test_eval_json_scores_and_stores_nothing(run: Runner, mini: Path, tmp_path: Path) -> None:
    result = run("eval", str(_labels(tmp_path)), "--repo", str(mini), "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["kinds"]["schema"]["tp"] == 2 and data["kinds"]["schema"]["fn"] == 1
    assert data["kinds"]["data"]["fn"] == 1  # harvests labelled with data, none detected
    assert data["missing"] == ["weather"]
    assert data["state_exact"] == round(1 / 3, 4)
    assert not (mini / ".commissioning").exists()


def test_eval_table_and_bad_labels(run: Runner, mini: Path, tmp_path: Path) -> None:
    shown = run("eval", str(_labels(tmp_path)), "--repo", str(mini))
    assert "micro" in shown.out and "weather" in shown.out
    broken = tmp_path / "broken.json"
    broken.write_text('{"tables": [\n  {"table": "x",}\n]}')
    bad = run("eval", str(broken), "--repo", str(mini))
    assert bad.code == 2 and "broken.json:2" in bad.err
    wrong_kind = tmp_path / "kind.json"
    wrong_kind.write_text(json.dumps({"tables": [{"table": "x", "evidence": {"ui": {}}}]}))
    assert "unknown kinds" in run("eval", str(wrong_kind), "--repo", str(mini)).err
