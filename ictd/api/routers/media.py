"""Media signals: hashes and URLs of terrorist content, matching, feedback, CSV exchange.

Files uploaded here are hashed in memory and discarded; only their hashes are stored (and
only when submitted as signals). Uploads are bounded by ``ICTD_MAX_BODY_BYTES`` and
``ICTD_MEDIA_MAX_BYTES``; images by ``ICTD_MEDIA_MAX_PIXELS``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile, status
from fastapi.responses import PlainTextResponse
from pydantic import Field

from ictd.api.deps import CurrentActor, Page, SettingsDep, StoreDep
from ictd.api.schemas import Strict, one_of
from ictd.edge import Id
from ictd.exc import InvalidInput
from ictd.media import SIGNAL_KINDS
from ictd.model.media import FEEDBACK_VERDICTS, TAKEDOWN_STATES
from ictd.settings import Settings
from ictd.signals import (
    MatchQuery,
    MediaConfig,
    SignalInput,
    export_csv,
    get_signal,
    give_feedback,
    hash_upload,
    import_csv,
    list_signals,
    match_media,
    review_signal,
    signals_of_organisation,
    submit_signals,
    update_signal,
)

router = APIRouter(tags=["media"])
PageDep = Annotated[Page, Depends()]
Kind = Annotated[str, one_of(SIGNAL_KINDS, max_length=16)]
Value = Annotated[str, Field(min_length=1, max_length=4000)]
Labels = Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=20)]
SharingWord = Annotated[str, one_of(("own", "named", "all"), max_length=8)]
HandlingWord = Annotated[str, one_of(("H0", "H1", "H2", "H3"), max_length=2)]
Agencies = Annotated[list[Annotated[str, Field(max_length=32)]], Field(max_length=100)]
MAX_FILES = 100


class Provenance(Strict):
    labels: Labels = []
    subject_id: Id | None = None
    platform: Annotated[str | None, Field(max_length=100)] = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    sharing: SharingWord = "all"
    shared_with: Agencies = []
    handling: HandlingWord = "H1"

    def template(self) -> SignalInput:
        return SignalInput(
            kind="",
            value="",
            labels=self.labels,
            subject_id=self.subject_id,
            platform=self.platform,
            first_seen=self.first_seen,
            last_seen=self.last_seen,
            sharing=self.sharing,
            shared_with=self.shared_with,
            handling=self.handling,
        )


class SignalIn(Provenance):
    kind: Kind
    value: Value
    quality: Annotated[int | None, Field(ge=0, le=100)] = None

    def to_input(self) -> SignalInput:
        return replace(self.template(), kind=self.kind, value=self.value, quality=self.quality)


class SignalsIn(Strict):
    items: Annotated[list[SignalIn], Field(min_length=1, max_length=10_000)]


class HashIn(Strict):
    kind: Kind
    value: Value


class MatchIn(Strict):
    items: Annotated[list[HashIn], Field(min_length=1, max_length=10_000)]


class SignalPatch(Strict):
    labels: Labels | None = None
    subject_id: Id | None = None
    sharing: SharingWord | None = None
    handling: HandlingWord | None = None


class FeedbackIn(Strict):
    verdict: Annotated[str | None, one_of(FEEDBACK_VERDICTS, max_length=16)] = None
    takedown: Annotated[str | None, one_of(TAKEDOWN_STATES, max_length=16)] = None
    takedown_at: datetime | None = None
    note: Annotated[str | None, Field(max_length=2000)] = None


class ReviewIn(Strict):
    keep: bool


def config_of(settings: Settings) -> MediaConfig:
    return MediaConfig.from_settings(settings)


async def read_files(files: list[UploadFile], config: MediaConfig) -> list[tuple[str, bytes]]:
    """The uploads' names and bytes, each bounded by the media byte limit."""
    if not 0 < len(files) <= MAX_FILES:
        raise InvalidInput.field("files", f"give 1 to {MAX_FILES} files")
    out = []
    for i, upload in enumerate(files):
        data = await upload.read(config.limits.max_bytes + 1)
        if len(data) > config.limits.max_bytes:
            raise InvalidInput.field(
                f"files.{i}", f"the file is larger than {config.limits.max_bytes} bytes"
            )
        out.append((upload.filename or f"file {i + 1}", data))
    return out


def _split_labels(text: str | None) -> list[str]:
    return [x for x in (text or "").replace(";", ",").replace(" ", ",").split(",") if x]


@router.post("/media/signals", status_code=status.HTTP_201_CREATED)
def post_signals(body: SignalsIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Share hashes (``pdq``, ``md5``, ``sha256``) or URLs (``url``, canonicalised) with
    labels from the taxonomy, provenance, sharing scope and optional attribution to a listed
    organisation. A value the agency already holds answers ``created: false``."""
    return {"items": submit_signals(store, actor, [x.to_input() for x in body.items])}


@router.post("/media/signals/files", status_code=status.HTTP_201_CREATED)
async def post_signal_files(
    actor: CurrentActor,
    store: StoreDep,
    settings: SettingsDep,
    files: Annotated[list[UploadFile], File(description="Images to hash; never stored.")],
    labels: Annotated[str | None, Form(max_length=800)] = None,
    platform: Annotated[str | None, Form(max_length=100)] = None,
    sharing: Annotated[str, Form(max_length=8)] = "all",
    handling: Annotated[str, Form(max_length=2)] = "H1",
    subject_id: Annotated[int | None, Form(ge=1, le=2**63 - 1)] = None,
) -> dict[str, Any]:
    """Upload images: each is hashed in memory (PDQ, MD5, SHA-256) and discarded; the
    hashes become signals. Images of PDQ quality below 50 are refused."""
    config = config_of(settings)
    template = SignalInput(
        kind="",
        value="",
        labels=_split_labels(labels),
        platform=platform,
        sharing=sharing,
        handling=handling,
        subject_id=subject_id,
    )
    items = []
    for i, (_name, data) in enumerate(await read_files(files, config)):
        try:
            items.extend(hash_upload(data, template, config.limits))
        except InvalidInput as problem:
            raise InvalidInput.field(f"files.{i}", problem.errors[0].message) from None
    return {"items": submit_signals(store, actor, items)}


@router.get("/media/signals")
def get_signals(
    actor: CurrentActor,
    store: StoreDep,
    page: PageDep,
    kind: Annotated[Kind | None, Query()] = None,
    status: Annotated[
        str | None, Query(max_length=16, pattern="^(active|quarantined|withdrawn)$")
    ] = None,
) -> dict[str, Any]:
    """The agency's own signals, with feedback counts."""
    items, next_cursor = list_signals(store, actor, page.after, page.limit, kind, status)
    return {"items": items, "next": next_cursor}


class CsvResponse(PlainTextResponse):
    media_type = "text/csv"


@router.get("/media/signals/export", response_class=CsvResponse)
def get_export(actor: CurrentActor, store: StoreDep) -> Response:
    """The active signals the agency may see, as ThreatExchange/HMA CSV
    (``signal_type,signal_value,labels``)."""
    return CsvResponse(export_csv(store, actor))


@router.post("/media/signals/import")
async def post_import(
    actor: CurrentActor,
    store: StoreDep,
    file: Annotated[UploadFile, File(description="CSV: signal_type,signal_value,labels")],
    platform: Annotated[str | None, Form(max_length=100)] = None,
    sharing: Annotated[str, Form(max_length=8)] = "all",
    handling: Annotated[str, Form(max_length=2)] = "H1",
) -> dict[str, Any]:
    """Import a ThreatExchange/HMA CSV: all rows or none."""
    try:
        text = (await file.read()).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput.field("file", "the file is not UTF-8 text") from None
    template = SignalInput("", "", platform=platform, sharing=sharing, handling=handling)
    return import_csv(store, actor, text, template)


@router.get("/media/signals/{signal_id}")
def get_one_signal(signal_id: Id, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return get_signal(store, actor, signal_id)


@router.patch("/media/signals/{signal_id}")
def patch_signal(
    signal_id: Id, body: SignalPatch, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """The owner edits labels, attribution, sharing or handling."""
    return update_signal(
        store, actor, signal_id, body.labels, body.subject_id, body.sharing, body.handling
    )


@router.post("/media/signals/{signal_id}/review")
def post_review(
    signal_id: Id, body: ReviewIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """The owner keeps (restores) or withdraws a signal, e.g. a quarantined one."""
    return review_signal(store, actor, signal_id, body.keep)


@router.post("/media/signals/{signal_id}/feedback")
def post_feedback(
    signal_id: Id, body: FeedbackIn, actor: CurrentActor, store: StoreDep, settings: SettingsDep
) -> dict[str, Any]:
    """True or false positive, and for URLs the takedown state with its date."""
    return give_feedback(
        store,
        actor,
        signal_id,
        body.verdict,
        body.takedown,
        body.takedown_at,
        body.note,
        config=config_of(settings),
    )


@router.post("/media/match")
def post_match(
    body: MatchIn, actor: CurrentActor, store: StoreDep, settings: SettingsDep
) -> dict[str, Any]:
    """Match hashes or URLs against the signals the agency may see: per item, the matching
    signals with kind, distance, labels, attribution and feedback counts."""
    queries = [MatchQuery(kind=x.kind, value=x.value) for x in body.items]
    return {"results": match_media(store, actor, queries, config_of(settings))}


@router.post("/media/match/files")
async def post_match_files(
    actor: CurrentActor,
    store: StoreDep,
    settings: SettingsDep,
    files: Annotated[list[UploadFile], File(description="Images to match; never stored.")],
) -> dict[str, Any]:
    """Match uploaded images (hashed in memory and discarded)."""
    config = config_of(settings)
    queries = [MatchQuery(data=d, name=n) for n, d in await read_files(files, config)]
    return {"results": match_media(store, actor, queries, config)}


@router.get("/media/organisations/{subject_id}/signals")
def get_organisation_signals(
    subject_id: Id, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """The signals attributed to a listed organisation, for those who may read it."""
    return signals_of_organisation(store, actor, subject_id)
