"""The objects alive when the page's modules are loaded are left out of later collections, once; what is
made afterwards is collected as before."""
from __future__ import annotations

import gc
import weakref

from components.ui import collector


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_what_is_alive_at_the_freeze_is_left_out_of_collections_and_later_garbage_is_still_collected():
    collector.freeze_imported_objects.cache_clear()  # as a new process (an earlier test's page froze once)
    kept, dropped = Node(), Node()
    gone = weakref.ref(dropped)
    del dropped  # garbage already there when the freeze comes: collected first, not frozen
    collector.freeze_imported_objects()
    assert gone() is None
    frozen = gc.get_freeze_count()
    assert frozen > 10_000 and not any(o is kept for o in gc.get_objects())  # frozen: out of every pass
    later = Node()
    later_gone = weakref.ref(later)
    collector.freeze_imported_objects()  # a second page's run freezes nothing more
    assert gc.get_freeze_count() == frozen
    del later
    gc.collect()
    assert later_gone() is None
