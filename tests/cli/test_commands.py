from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli.conftest import Runner

from commissioning.observe.profiles import drizzle

EXPECTED = {"growers": 9, "harvests": 2, "sensors": 1, "pollination_logs": 0}


def _tree_state(root: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(root).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in root.rglob("*") if p.is_file() and ".commissioning" not in p.parts}


def test_scan_json_matches_expected_states_and_is_deterministic(run: Runner, mini: Path) -> None:
    first = run("scan", str(mini), "--json")
    assert first.code == 0, first.err
    doc = json.loads(first.out)
    assert {t["name"]: t["state"] for t in doc["tables"]} == EXPECTED
    second = json.loads(run("scan", str(mini), "--json").out)
    assert second["snapshot"]["id"] == doc["snapshot"]["id"]
    doc["snapshot"]["scanned_at"] = second["snapshot"]["scanned_at"]
    assert json.dumps(doc) == json.dumps(second)


def test_scan_writes_only_its_own_folder(run: Runner, mini: Path) -> None:
    before = _tree_state(mini)
    assert run("scan", str(mini)).code == 0
    assert _tree_state(mini) == before
    assert (mini / ".commissioning" / "commissioning.db").is_file()


def test_scan_table_output_and_status_from_store(run: Runner, mini: Path) -> None:
    scanned = run("scan", str(mini))
    assert scanned.code == 0
    assert "growers" in scanned.out and "9 E2E Tests" in scanned.out
    assert "3 data" in scanned.out  # harvests' gap
    stored = run("status", "-C", str(mini), "--json")
    assert stored.code == 0
    assert {t["name"]: t["state"] for t in json.loads(stored.out)["tables"]} == EXPECTED


def test_status_before_any_scan_is_a_clean_error(run: Runner, mini: Path) -> None:
    result = run("status", "-C", str(mini))
    assert result.code == 2
    assert "no scan stored" in result.err and "commission scan" in result.err
    assert "Traceback" not in result.err + result.out
    assert not (mini / ".commissioning").exists()  # reading never creates the store


def test_gaps_name_missing_rung_and_sibling(run: Runner, mini: Path) -> None:
    run("scan", str(mini))
    rows = json.loads(run("gaps", "-C", str(mini), "--json").out)
    by_table = {r["table"]: r for r in rows}
    assert by_table["harvests"]["kind"] == "data"
    assert by_table["harvests"]["follow"]["table"] == "growers"
    assert by_table["sensors"]["kind"] == "migration"
    assert by_table["pollination_logs"]["kind"] == "schema"
    assert by_table["growers"]["kind"] == "commissioned"
    text = run("gaps", "-C", str(mini)).out
    assert "supabase/seed.sql" in text  # where growers got its data


def test_show_lists_evidence_with_chain(run: Runner, mini: Path) -> None:
    run("scan", str(mini))
    shown = json.loads(run("show", "growers", "-C", str(mini), "--json").out)
    ui = shown["evidence"]["crud_ui"]
    assert any(item["via"] for item in ui)
    text = run("show", "growers", "-C", str(mini)).out
    assert "src/db/schema.ts:3" in text and "→" in text
    missing = run("show", "grower", "-C", str(mini))
    assert missing.code == 2 and "did you mean: growers" in missing.err


def test_verify_exit_codes(run: Runner, mini: Path) -> None:
    ok = run("verify", "growers", "--state", "4", "-C", str(mini))
    assert ok.code == 0 and "holds" in ok.out
    no = run("verify", "harvests", "--state", "3", "-C", str(mini), "--json")
    assert no.code == 1 and json.loads(no.out)["holds"] is False
    bad = run("verify", "harvests", "--state", "42", "-C", str(mini))
    assert bad.code == 2


def test_check_gate(run: Runner, mini: Path) -> None:
    failed = run("check", "--min-state", "2", "-C", str(mini), "--json")
    assert failed.code == 1
    assert {t["table"] for t in json.loads(failed.out)["below"]} == {"sensors",
                                                                      "pollination_logs"}
    assert run("check", "--min-state", "0", "-C", str(mini)).code == 0


def test_machine_show_mermaid_and_table(run: Runner) -> None:
    diagram = run("machine", "show", "table", "--mermaid")
    assert diagram.out.startswith("stateDiagram-v2")
    assert "e2e_tests --> commissioned" in diagram.out
    listing = run("machine", "show", "table")
    assert "Fully Commissioned" in listing.out
    assert run("machine", "show", "nope").code == 2


@pytest.mark.parametrize("args", [["scan", "/definitely/not/here"], ["status", "-C", "/nope"]])
def test_missing_path_is_a_clean_error(run: Runner, args: list[str]) -> None:
    result = run(*args)
    assert result.code == 2 and "no such venture path" in result.err
    assert "Traceback" not in result.err


def test_malformed_config_names_the_line(run: Runner, mini: Path) -> None:
    (mini / "commissioning.toml").write_text('[venture]\nname = "x"\n[scan]\nmax_hops = -1\n')
    result = run("scan", str(mini))
    assert result.code == 2 and "commissioning.toml:4" in result.err
    assert not (mini / ".commissioning").exists()


def test_crash_mid_scan_stores_nothing(run: Runner, mini: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("scan", str(mini)).code == 0
    before = json.loads(run("status", "-C", str(mini), "--json").out)["snapshot"]["id"]
    (mini / "src" / "db" / "schema.ts").write_text(
        (mini / "src" / "db" / "schema.ts").read_text() + "\nexport const x = pgTable('x', {});\n")

    def explode(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("detector fell over")

    monkeypatch.setattr(drizzle.DRIZZLE, "observe", explode)
    monkeypatch.setattr(drizzle.DRIZZLE, "observe_with_state", explode)
    crashed = run("scan", str(mini))
    assert crashed.code == 2 and "nothing was stored" in crashed.err
    after = json.loads(run("status", "-C", str(mini), "--json").out)["snapshot"]["id"]
    assert after == before


@pytest.mark.parametrize("args", [["scan", "--bogus"], ["verify"], ["show"], ["nope"]])
def test_usage_errors_exit_2_without_traceback(run: Runner, args: list[str]) -> None:
    result = run(*args)
    assert result.code == 2
    assert "Traceback" not in result.err + result.out
