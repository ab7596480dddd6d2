"""The Qt binding we install survives a long editing session: signals emitted from Python by the
thousand (every edit, model update and progress report emits some) must not corrupt the interpreter,
as PySide6 6.12.0 on Python 3.11 did (see the pin in pyproject.toml)."""

import subprocess
import sys

CODE = """
from PySide6.QtCore import QObject, Signal
class Emitter(QObject):
    changed = Signal(str)
emitter = Emitter()
seen = []
emitter.changed.connect(seen.append)
for i in range(20000):
    emitter.changed.emit("Q1")
print(len(seen))
"""


def test_twenty_thousand_signals_from_python_are_fine() -> None:
    run = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "20000"
