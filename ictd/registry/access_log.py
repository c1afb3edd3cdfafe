"""The owner's view of who accessed its own subject: the audit events that name it.

Reading the whole audit trail is an auditor's job (``ictd.registry.audit``); an analyst of
the agency that owns a subject may read the events that target that one subject, so the
owner knows which users and partner agencies viewed, screened or exported it. The reading
is itself audited.
"""

from __future__ import annotations

from ictd.exc import InvalidInput, NotFound
from ictd.security.actor import Actor
from ictd.security.audit import AuditEvent
from ictd.security.policy import Permission, require, require_read_subject, require_write_owned
from ictd.store import Store

__all__ = ["MAX_EVENTS", "subject_access_log"]

MAX_EVENTS = 500
_PAGE = 1000


def subject_access_log(
    store: Store, actor: Actor, subject_id: int, limit: int = 100
) -> list[AuditEvent]:
    """The newest ``limit`` audit events targeting ``subject:<id>``, newest first.

    Only analysts of the owning agency (or the operator) may read it; others get
    ``Forbidden``, and a subject they cannot read is ``NotFound``.
    """
    if not 1 <= limit <= MAX_EVENTS:
        raise InvalidInput.field("limit", f"must be between 1 and {MAX_EVENTS}")
    target = f"subject:{subject_id}"
    require(actor, Permission.READ_RECORDS)  # before the look-up: no probing by role
    store.seal_audit()  # what is committed is on the chain before the read (no lock held)
    with store.begin() as session:
        subject = session.subjects.get(subject_id)
        if subject is None:
            raise NotFound(f"subject {subject_id} does not exist")
        require_read_subject(actor, subject, session.listings.of_subjects([subject_id]))
        require_write_owned(actor, subject.agency)
        newest: list[AuditEvent] = []
        after = 0
        while True:
            page = session.audit.query({"target": target}, after, _PAGE)
            newest = (newest + page)[-limit:]
            if len(page) < _PAGE:
                break
            after = page[-1].seq
        session.audit.record(actor, "subject.access-log", [target], count=len(newest))
    return list(reversed(newest))
