"""Raw matches of recent queries, remembered against one immutable index.

A ``MatchIndex`` never changes once built (changes make a new one), and its ``search`` is
a pure function of the query, ``limit`` and ``threshold``: the same query asked again of
the same index gets the same matches. ``SearchMemo`` keeps the raw matches of the last
``MAX_ENTRIES`` distinct queries (least recently used dropped first) for the index they
were found in, and forgets them all when the live index moves on. What a caller may
learn of the matches (sharing scope, listings in force, false matches) is decided on every
call after the look-up, so nothing of one caller's view is kept.

Screening files of shipments, where the same company names recur in thousands of rows,
asks the matcher once per distinct name instead of once per call.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from operator import attrgetter

from ictd.matching import Match, MatchIndex, Query

__all__ = ["MAX_ENTRIES", "SearchMemo", "memo_of"]

MAX_ENTRIES = 20_000

_Key = tuple[object, ...]
_FIELDS = attrgetter("names", "schema", "birth_date", "nationalities", "gender", "identifiers")
"""Every field of a ``Query`` but its id: two queries equal in these are searched alike."""


class SearchMemo:
    """Raw matches by (the query's fields but its id, limit, threshold), for one index at a
    time."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._index: MatchIndex | None = None
        self._found: OrderedDict[_Key, list[Match]] = OrderedDict()
        self.asked = 0
        self.searched = 0

    def search_all(
        self, index: MatchIndex, queries: Sequence[Query], limit: int, threshold: float
    ) -> list[list[Match]]:
        """``index.search`` of each query, from the memo where it was asked before; the
        others are searched in one ``index.search_many``."""
        keys = [(*_FIELDS(q), limit, threshold) for q in queries]  # no copy of each query
        with self._lock:
            if index is not self._index:
                self._index, self._found = index, OrderedDict()
            found = self._found
            known = {k: found[k] for k in keys if k in found}
            for key in known:
                found.move_to_end(key)
        asked = {k: q for q, k in zip(queries, keys, strict=True) if k not in known}
        batch = (
            index.search_many(list(asked.values()), limit=limit, threshold=threshold)
            if asked
            else []
        )
        new = dict(zip(asked, batch, strict=True))
        out = [known[key] if key in known else new[key] for key in keys]
        with self._lock:
            self.asked += len(queries)
            self.searched += len(new)
            if index is self._index:  # not moved on meanwhile: keep what was found
                for key, matches in new.items():
                    self._found[key] = matches
                while len(self._found) > self.max_entries:
                    self._found.popitem(last=False)
        return out

    def __len__(self) -> int:
        return len(self._found)


_MEMOS: weakref.WeakKeyDictionary[object, SearchMemo] = weakref.WeakKeyDictionary()
_MEMOS_LOCK = threading.Lock()


def memo_of(holder: object) -> SearchMemo:
    """The memo that goes with ``holder`` (a ``LiveIndex``), made on first use."""
    with _MEMOS_LOCK:
        memo = _MEMOS.get(holder)
        if memo is None:
            memo = _MEMOS[holder] = SearchMemo()
        return memo
