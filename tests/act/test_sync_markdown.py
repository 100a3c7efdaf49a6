"""The Markdown sink: one file per task, front matter with key and phase, edits read back."""

from __future__ import annotations

from tests.act.conftest import Rig

from commissioning.act.sinks.markdown import front_matter
from commissioning.services import task_commands


def test_one_file_per_task_with_front_matter_and_idempotent(rig: Rig) -> None:
    rig.scan()
    report = rig.only(rig.sync("markdown"), "markdown")
    assert report.delivery is not None and report.delivery.delivered == 4
    folder = rig.root / "tasks"
    assert sorted(p.name for p in folder.iterdir()) == [
        "growers-10-commissioned.md", "harvests-3-data.md", "pollination_logs-1-schema.md",
        "sensors-2-migration.md"]
    text = (folder / "harvests-3-data.md").read_text("utf-8")
    front = front_matter(text)
    assert front["key"] == "greenhouse/harvests/3" and front["phase"] == "PLANNED"
    assert front["owner"] == "@greenhouse/data" and front["title"] == "harvests: add seed data"
    assert "# harvests: add seed data" in text and "- [ ] " in text
    stamp = (folder / "harvests-3-data.md").stat().st_mtime_ns
    rig.scan()
    rig.sync("markdown")
    assert (folder / "harvests-3-data.md").stat().st_mtime_ns == stamp


def test_a_person_edits_the_phase_and_ticks_the_checklist(rig: Rig) -> None:
    rig.scan()
    rig.sync("markdown")
    path = rig.root / "tasks" / "harvests-3-data.md"
    text = path.read_text("utf-8").replace("phase: PLANNED", "phase: In Progress")
    path.write_text(text.replace("- [ ] ", "- [x] "), encoding="utf-8")
    report = rig.only(rig.sync("markdown"), "markdown")
    assert report.read_back == ("greenhouse/harvests/3: PLANNED → IMPLEMENTING "
                                "('In Progress' in markdown)",)
    task = task_commands.show_task(rig.root, "harvests/3").task
    assert task.phase == "IMPLEMENTING" and task.checklist_done == len(task.checklist)
    assert front_matter(path.read_text("utf-8"))["phase"] == "IMPLEMENTING"
    path.write_text(path.read_text("utf-8").replace("phase: IMPLEMENTING", "phase: COMPLETE"),
                    encoding="utf-8")
    refused = rig.only(rig.sync("markdown"), "markdown")
    assert "cannot move from IMPLEMENTING to COMPLETE" in refused.refused[0]
    assert front_matter(path.read_text("utf-8"))["phase"] == "IMPLEMENTING"  # set back
