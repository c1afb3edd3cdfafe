"""The media signals repository: hashes and URLs partners share, and feedback on them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, and_, func, insert, or_, select, update

from ictd.model.listing import Handling, Sharing
from ictd.model.media import MediaFeedback, MediaSignal, SignalStatus
from ictd.store.repository import Repository
from ictd.store.tables import media_feedback, media_signals
from ictd.store.types import split_codes

__all__ = ["MediaSignalRepository"]

_S, _F = media_signals.c, media_feedback.c


def signal_from_row(row: RowMapping) -> MediaSignal:
    return MediaSignal(
        id=row["id"],
        agency=row["agency"],
        kind=row["kind"],
        value=row["value"],
        digest=row["digest"],
        quality=row["quality"],
        labels=split_codes(row["labels"]),
        taxonomy=row["taxonomy"],
        subject_id=row["subject_id"],
        platform=row["platform"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        sharing=Sharing(row["sharing"]),
        shared_with=split_codes(row["shared_with"]),
        handling=Handling(row["handling"]),
        status=SignalStatus(row["status"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        reviewed_at=row["reviewed_at"],
    )


def feedback_from_row(row: RowMapping) -> MediaFeedback:
    return MediaFeedback(
        id=row["id"],
        signal_id=row["signal_id"],
        agency=row["agency"],
        verdict=row["verdict"],
        takedown=row["takedown"],
        takedown_at=row["takedown_at"],
        note=row["note"],
        updated_at=row["updated_at"],
    )


def signal_values(values: dict[str, Any]) -> dict[str, Any]:
    """Model-level values as columns (tuples joined by commas)."""
    out = dict(values)
    if "labels" in out:
        out["labels"] = ",".join(out["labels"])
    if "shared_with" in out:
        shared = ",".join(out["shared_with"])
        out["shared_with"] = f",{shared}," if shared else ""
    return out


def visible_to(agency: str) -> Any:
    """The SQL form of ``ictd.signals.access.shares_signal``: own, all, or named."""
    return or_(
        _S.agency == agency,
        _S.sharing == Sharing.ALL.value,
        and_(
            _S.sharing == Sharing.NAMED.value,
            _S.shared_with.contains(f",{agency},"),
        ),
    )


class MediaSignalRepository(Repository):
    """Signals by id, by exact digest, by agency or attributed organisation; the PDQ hashes
    the near-neighbour index is built from; feedback rows and their counts."""

    __slots__ = ()
    READS = frozenset(
        {
            "get",
            "find",
            "exact",
            "page",
            "attributed_to",
            "shared_page",
            "hash_rows",
            "count_after",
            "stamp",
            "feedback_of",
            "feedback_counts",
            "disputes_since",
        }
    )

    def insert(self, values: dict[str, Any]) -> MediaSignal:
        result = self.conn.execute(insert(media_signals).values(signal_values(values)))
        key = result.inserted_primary_key
        assert key is not None
        found = self.get(int(key[0]))
        assert found is not None
        return found

    def update(self, signal_id: int, **changes: Any) -> MediaSignal:
        query = update(media_signals).where(_S.id == signal_id)
        self.conn.execute(query.values(signal_values(changes)))
        found = self.get(signal_id)
        assert found is not None
        return found

    def get(self, signal_id: int) -> MediaSignal | None:
        row = self.conn.execute(select(media_signals).where(_S.id == signal_id)).mappings()
        first = row.first()
        return signal_from_row(first) if first else None

    def find(self, agency: str, kind: str, digest: str) -> MediaSignal | None:
        """The agency's signal of ``kind`` with ``digest``, if it has one."""
        query = select(media_signals).where(
            _S.agency == agency, _S.kind == kind, _S.digest == digest
        )
        first = self.conn.execute(query).mappings().first()
        return signal_from_row(first) if first else None

    def exact(self, pairs: Sequence[tuple[str, str]], agency: str) -> list[MediaSignal]:
        """Active signals visible to ``agency`` whose (kind, digest) is among ``pairs``."""
        if not pairs:
            return []
        wanted = or_(*[and_(_S.kind == k, _S.digest == d) for k, d in set(pairs)])
        query = select(media_signals).where(
            wanted, _S.status == SignalStatus.ACTIVE.value, visible_to(agency)
        )
        return [signal_from_row(r) for r in self.conn.execute(query.order_by(_S.id)).mappings()]

    def page(
        self,
        agency: str | None,
        after: int = 0,
        limit: int = 100,
        kind: str | None = None,
        status: str | None = None,
    ) -> list[MediaSignal]:
        """Signals of ``agency`` (all agencies for ``None``) by id, after ``after``."""
        query = select(media_signals).where(_S.id > after)
        if agency is not None:
            query = query.where(_S.agency == agency)
        if kind is not None:
            query = query.where(_S.kind == kind)
        if status is not None:
            query = query.where(_S.status == status)
        rows = self.conn.execute(query.order_by(_S.id).limit(limit)).mappings()
        return [signal_from_row(r) for r in rows]

    def shared_page(self, agency: str, after: int = 0, limit: int = 1000) -> list[MediaSignal]:
        """Active signals ``agency`` may see (its own and partners' shared), by id."""
        query = select(media_signals).where(
            _S.id > after, _S.status == SignalStatus.ACTIVE.value, visible_to(agency)
        )
        rows = self.conn.execute(query.order_by(_S.id).limit(limit)).mappings()
        return [signal_from_row(r) for r in rows]

    def attributed_to(self, subject_id: int, agency: str) -> list[MediaSignal]:
        """Signals attributed to ``subject_id`` that ``agency`` may see."""
        query = select(media_signals).where(_S.subject_id == subject_id, visible_to(agency))
        return [signal_from_row(r) for r in self.conn.execute(query.order_by(_S.id)).mappings()]

    def hash_rows(self, after: int = 0) -> list[tuple[int, str, str]]:
        """``(id, kind, value)`` of the PDQ and video signals after id ``after``, by id, in
        every status (matching checks the status): what the near-neighbour indexes hold."""
        query = select(_S.id, _S.kind, _S.value).where(_S.id > after, _S.kind.in_(("pdq", "video")))
        return [(int(i), str(k), str(v)) for i, k, v in self.conn.execute(query.order_by(_S.id))]

    def count_after(self, after: int) -> int:
        """How many signals (of any kind) have an id above ``after``."""
        query = select(func.count()).select_from(media_signals).where(_S.id > after)
        return int(self.conn.execute(query).scalar_one())

    def stamp(self) -> tuple[int, int, datetime | None]:
        """Changes whenever a signal is added or changed: (count, highest id, last update)."""
        query = select(func.count(), func.max(_S.id), func.max(_S.updated_at))
        count, top, last = self.conn.execute(query).one()
        return int(count), int(top or 0), last

    def set_feedback(
        self, signal_id: int, agency: str, now: datetime, **changes: Any
    ) -> MediaFeedback:
        """The agency's feedback row on the signal, created or changed."""
        where = and_(_F.signal_id == signal_id, _F.agency == agency)
        found = self.conn.execute(select(_F.id).where(where)).first()
        if found is None:
            self.conn.execute(
                insert(media_feedback).values(
                    signal_id=signal_id, agency=agency, updated_at=now, **changes
                )
            )
        else:
            self.conn.execute(update(media_feedback).where(where).values(updated_at=now, **changes))
        row = self.conn.execute(select(media_feedback).where(where)).mappings().one()
        return feedback_from_row(row)

    def feedback_of(self, signal_id: int) -> list[MediaFeedback]:
        query = select(media_feedback).where(_F.signal_id == signal_id).order_by(_F.id)
        return [feedback_from_row(r) for r in self.conn.execute(query).mappings()]

    def feedback_counts(self, signal_ids: Sequence[int]) -> dict[int, dict[str, int]]:
        """Per signal: how many agencies said true or false positive, and each takedown
        state."""
        out: dict[int, dict[str, int]] = {
            i: {"true-positive": 0, "false-positive": 0, "reported": 0, "removed": 0, "still-up": 0}
            for i in signal_ids
        }
        if not signal_ids:
            return out
        for column in (_F.verdict, _F.takedown):
            query = (
                select(_F.signal_id, column, func.count())
                .where(_F.signal_id.in_(list(signal_ids)), column.is_not(None))
                .group_by(_F.signal_id, column)
            )
            for signal_id, value, count in self.conn.execute(query):
                out[int(signal_id)][str(value)] = int(count)
        return out

    def disputes_since(self, signal_id: int, since: datetime | None) -> int:
        """Agencies whose verdict on the signal is false positive, given after ``since``."""
        query = select(func.count()).where(
            _F.signal_id == signal_id, _F.verdict == "false-positive"
        )
        if since is not None:
            query = query.where(_F.updated_at > since)
        return int(self.conn.execute(query).scalar_one())
