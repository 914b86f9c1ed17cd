"""Documents into the record: readers, extractors, evaluation, and the review queue.

The public names are imported lazily so that `import treatywatch.ingest` (and the CLI's
start-up) stays cheap: PDF and HTML libraries load only when a document is read.

- ``read_document(path) -> Document`` (``readers``): one normalised text with its sha256.
- ``treatywatch.ingest.extract.extract(doc) -> dict``: the items of ../shared/EXTRACTION.md.
- ``treatywatch.ingest.evaluate.evaluate(gold_dir, docs_dir)``: precision, recall and F1.

(The last two are imported from their modules: a package attribute named like a submodule
is replaced by the submodule as soon as that is imported.)
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Document": "treatywatch.ingest.readers",
    "ReadError": "treatywatch.ingest.readers",
    "read_document": "treatywatch.ingest.readers",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'treatywatch.ingest' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
