"""The editor (PySide6): the only layer that imports Qt."""
