"""A stand-in extractor for `extract` tests, plugged in by $QUOTEAPP_EXTRACTOR=fake_extractor:make.

It needs no spaCy (worker processes start in a moment): an article whose name starts with
"poison" makes it raise, "crash" kills its process, one starting with "slow" makes it wait, any other gets an annotation
with no quotes whose generator records the process that made it.
"""

from __future__ import annotations

import os
import signal
import time

from quoteapp.model import Annotation, Document

SPEC = "fake_extractor:make"
PIPELINE = "fake 1.0"


class FakeExtractor:
    def annotate(self, text: str, doc_id: str, *, path: str | None = None, title: str | None = None) -> Annotation:
        if doc_id.startswith("poison"):
            raise RuntimeError(f"invented failure on {doc_id}\nwith a second line")
        if doc_id.startswith("crash"):  # the worker dies, as on a segfault in the parser or the OOM killer
            os.kill(os.getpid(), signal.SIGKILL)
        if doc_id.startswith("slow"):
            time.sleep(120)
        return Annotation(
            Document(doc_id, text, path=path, title=title), generator={"pipeline": PIPELINE, "pid": os.getpid()}
        )


def make(model: str | None) -> FakeExtractor:
    return FakeExtractor()
