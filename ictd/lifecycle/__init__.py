"""A listing's life cycle: review dates, warnings ahead of them, extensions and expiry.

An agency's listing carries a review date (by default from the review periods of the
settings). Its owner is warned four months and one month ahead (notice
``listing.review-due``); unless an analyst of the owner extends it with a recorded
assessment before that date, the job ``listings.expire`` lets it expire (status
``expired``: it stays in the history, audited, and no longer hits). A partner agency may
flag a listing "no action on our territory" (``flags``). A listing shared beyond its
owner is published through the operator's compliance review (``compliance``, with the
automated ``checks``). May import
``ictd.model``, ``ictd.security``, ``ictd.store``, ``ictd.outbox``, ``ictd.settings`` and
``ictd.exc``.
"""

# The store repositories this package uses besides ``audit`` (tests/store/test_repository_use.py):
STORE_WRITES = ("listing_review", "listing_flags", "listings", "compliance")
"""The review records and flags of listings, compliance reviews, and the listings whose
review dates, statuses and sharing change."""
STORE_READS = ("subjects", "accounts")
"""Repositories of other capabilities: only their ``READS`` methods are called here."""
