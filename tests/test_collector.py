"""The objects alive when the page's modules are loaded are left out of later collections, once; what is
made afterwards is collected as before."""
from __future__ import annotations

import gc
import weakref

from components.ui import collector


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_what_the_imports_made_is_frozen_once_and_later_garbage_is_still_collected():
    collector.freeze_imported_objects()
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # every object alive now (pytest alone makes tens of thousands)
    node = Node()
    gone = weakref.ref(node)
    collector.freeze_imported_objects()  # a second page's run freezes nothing more
    assert gc.get_freeze_count() == frozen
    del node
    gc.collect()
    assert gone() is None
