"""``commission init``: detect the stacks in a venture and write a commented commissioning.toml.

The file spells out every default glob and signal of each detected profile, as comments beside
the keys that override them, so a user sees what decides a role before changing anything. An
unknown layout writes nothing and says what was found and what to configure.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from commissioning.config import CONFIG_FILE, parse_venture_config
from commissioning.errors import UserInputError
from commissioning.evidence import Kind
from commissioning.observe.profiles import PROFILES, Profile
from commissioning.observe.roles import Rule
from commissioning.observe.scanner import check_root
from commissioning.observe.source_tree import DiskSourceTree

MARKERS = ("package.json", "schema.prisma", "drizzle.config.ts", "supabase/config.toml",
           "alembic.ini", "manage.py", "Gemfile", "db/schema.rb", "pyproject.toml",
           "requirements.txt")


@dataclass(frozen=True, slots=True)
class InitResult:
    path: Path
    profiles: tuple[str, ...]
    text: str
    written: bool
    files: int
    extensions: tuple[tuple[str, int], ...]
    markers: tuple[str, ...]


def init_venture(root: Path, *, force: bool = False, write: bool = True) -> InitResult:
    check_root(root)
    target = root / CONFIG_FILE
    if target.exists() and write and not force:
        raise UserInputError(f"{target} already exists; nothing was changed",
                             hint="pass --force to overwrite it, or --print to see the proposal")
    tree = DiskSourceTree(root)
    files = tree.files()
    detected = tuple(p for p in PROFILES if p.detect(tree))
    extensions = Counter(PurePosixPath(f).suffix or PurePosixPath(f).name for f in files)
    markers = tuple(m for m in MARKERS if any(f == m or f.endswith("/" + m) for f in files))
    text = render_config(root.resolve().name, detected) if detected else ""
    if text:
        parse_venture_config(text)  # what we write must load: never hand a user a broken file
    written = bool(text) and write
    if written:
        tmp = target.with_suffix(".toml.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    return InitResult(path=target, profiles=tuple(p.name for p in detected), text=text,
                      written=written, files=len(files),
                      extensions=tuple(extensions.most_common(8)), markers=markers)


def _toml_list(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _rule_lines(profile: Profile, rule: Rule) -> list[str]:
    lines = [f"#   {profile.name}: detector {rule.detector}"]
    if rule.globs:
        lines.append(f"#     globs   = {_toml_list(rule.globs)}")
    if rule.signals:
        lines.append(f"#     signals = {_toml_list(rule.signals)}")
    if rule.exclude:
        lines.append(f"#     exclude = {_toml_list(rule.exclude)}")
    return lines


def render_config(name: str, profiles: tuple[Profile, ...]) -> str:
    names = _toml_list(tuple(p.name for p in profiles))
    out = [
        "# commissioning.toml — written by `commission init`; every key is optional.",
        "# Reference: docs/evidence.md (what counts as evidence) and docs/cli.md.",
        "",
        "[venture]",
        f'name = "{name}"',
        f"profiles = {names}  # detected; [] means detect on every scan",
        "",
        "[scan]",
        "exclude = []            # globs never read, e.g. [\"legacy/**\"]",
        "max_hops = 4            # how far reach follows imports and URLs",
        "max_file_bytes = 2000000  # larger files are skipped with a note",
        "",
        "# Roles decide which files count as each kind of evidence. The defaults of the",
        "# detected profiles are listed under each kind. Override in the section below it:",
        "#   globs = [...] / signals = [...] replace the defaults,",
        "#   extra_globs = [...] / extra_signals = [...] add to them, exclude = [...] removes.",
    ]
    for kind in Kind:
        pairs = [(p, r) for p in profiles for r in p.rules if r.kind is kind]
        if not pairs:
            continue
        out += ["", f"# --- {kind.value} (defaults) ---"]
        for profile, rule in pairs:
            out += _rule_lines(profile, rule)
        out += [f"# [roles.{kind.value}]", "# extra_globs = []", "# exclude = []"]
    out += [
        "",
        "# Tables named and scoped but not yet defined (state 0, Idea):",
        "# [[ideas]]",
        '# name = "cheese_aging_logs"',
        '# note = "planned for the cheese line"',
        "",
        "# Live evidence (read-only): the venture's database and its test reports.",
        "# [live]",
        '# venture_db = "postgresql+psycopg://app@localhost/app"',
        '# password_env = "VENTURE_DB_PASSWORD"',
        '# reports = ["playwright-report/*.json", "reports/*.xml"]',
        "",
    ]
    return "\n".join(out)
