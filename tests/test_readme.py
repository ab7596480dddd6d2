"""The README stays true: its two commands are the ones CI runs, and it lists every shortcut."""

from pathlib import Path

from quoteapp.gui.actions import ACTIONS

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_action_with_its_shortcut() -> None:
    for spec in ACTIONS:
        row = f"| {spec.menu} | {spec.text.replace('&', '').rstrip('…')} | `{spec.shortcut}` |"
        assert row in README, f"README lacks the shortcut row: {row}"


def test_ci_runs_the_readme_test_command() -> None:
    blocks = README.split("```sh\n")
    commands = [b.split("\n```")[0].strip() for b in blocks[1:3]]
    assert commands[0].endswith(".venv/bin/quoteapp")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci
    assert (REPO / "resources" / "screenshot.png").exists()
