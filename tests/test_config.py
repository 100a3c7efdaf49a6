from __future__ import annotations

from pathlib import Path

import pytest

from commissioning.config import load_venture_config, parse_venture_config
from commissioning.errors import ConfigError


def test_defaults_when_no_file(tmp_path: Path) -> None:
    config = load_venture_config(tmp_path)
    assert config.scan.max_hops == 4 and config.ideas == [] and config.venture.profiles == []


def test_ideas_keep_their_line_and_config_hash_follows_text() -> None:
    text = '[venture]\nname = "dairy"\n\n[[ideas]]\nname = "cheese_aging_logs"\nnote = "Q1"\n'
    config = parse_venture_config(text)
    assert config.venture.name == "dairy"
    assert config.idea_lines == {"cheese_aging_logs": 5}
    assert config.config_hash != parse_venture_config(text + "\n").config_hash


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('[scan]\nmax_hops = "lots"\n', 2, "scan.max_hops"),
        ("[venture]\nname = \n", 2, "not valid TOML"),
        ('[venture]\nname = "x"\ncolour = "blue"\n', 3, "venture.colour"),
        ("[scan]\nmax_hops = 99\n", 2, "less than or equal to 12"),
        ('[roles.crud_ui]\nglobs = "src/**"\n', 2, "roles.crud_ui.globs"),
    ],
)
def test_malformed_config_names_key_and_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_venture_config(text)
    assert caught.value.line == line
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"commissioning.toml:{line}:")


def test_non_utf8_config_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "commissioning.toml").write_bytes(b"[venture]\nname = \"\xff\"\n")
    with pytest.raises(ConfigError, match="cannot read"):
        load_venture_config(tmp_path)
