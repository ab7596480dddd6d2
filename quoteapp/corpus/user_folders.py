"""The user's own folders (data, state, recovery, log): one place, so the editor, the CLI and
`quoteapp --info` name the same paths."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from quoteapp import APP_NAME

RECOVERY_ENV = "QUOTEAPP_RECOVERY_DIR"


def data_dir() -> Path:
    """Where the sample article's editable copy lives."""
    return Path(platformdirs.user_data_dir(APP_NAME))


def state_dir() -> Path:
    """Where the recovery copies and the log live."""
    return Path(platformdirs.user_state_dir(APP_NAME))


def recovery_dir() -> Path:
    """The user's recovery folder (QUOTEAPP_RECOVERY_DIR overrides it, for tests and portable use)."""
    override = os.environ.get(RECOVERY_ENV)
    return Path(override) if override else state_dir() / "recovery"


def log_file() -> Path:
    """The editor's log: warnings and errors of every session, for bug reports."""
    return state_dir() / "log" / f"{APP_NAME}.log"
