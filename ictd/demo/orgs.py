"""Synthetic organisations and companies: multilingual names with legal forms, registers.

``compose_org`` writes one organisation name in its native script and several Latin
spellings (``Al-Noor Charitable Foundation`` / ``مؤسسة النور الخيرية``);
``make_org`` builds the subject with country, registration number and address.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from ictd.demo.builder import SubjectBuilder
from ictd.demo.culture import NamePart
from ictd.demo.draw import below, pick
from ictd.demo.identifiers import make_registration
from ictd.demo.org_names import (
    GROUP_PART_NATIVES,
    ORG_FAMILIES,
    RU_SUFFIXES,
    WEST_ACTIVITIES,
    WEST_LEGAL,
    ZH_CITIES,
    OrgFamily,
    OrgKind,
)
from ictd.demo.places import make_address
from ictd.model.schema import Schema
from ictd.model.subject import Subject
from ictd.model.value import normalize_text

__all__ = ["OrgDraft", "OrgName", "compose_org", "make_org"]

_OFFSHORE = ("AE", "CY", "TR", "PA", "VG", "HK", "MY")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class OrgName:
    """One organisation's name: native form (``None`` for Latin families) and spellings."""

    schema: Schema
    native: str | None
    spellings: tuple[str, ...]  # distinct; the first is the primary name
    lang: str
    country: str
    legal_form: str | None


@dataclass(frozen=True, slots=True)
class OrgDraft:
    subject: Subject
    truth: tuple[str, ...]
    name: OrgName


def _part(rng: random.Random, family: OrgFamily, tag: str) -> NamePart:
    if tag == "group":
        return pick(rng, [p for p in family.parts if p.native in GROUP_PART_NATIVES])
    part = pick(rng, family.parts)
    if family.code == "russian":
        suffix = pick(rng, RU_SUFFIXES)
        latin = [f"{a} {b}" for a in part.latin for b in suffix.latin]
        part = NamePart(f"{part.native} {suffix.native}", tuple(latin))
    return part


def _fields(rng: random.Random, family: OrgFamily, country: str) -> tuple[str, dict[str, str]]:
    """The country and template fields beyond ``{x}`` (city, activity, legal form)."""
    if family.code == "chinese":
        native, latin = pick(rng, ZH_CITIES)
        return ("HK" if latin == "Hong Kong" else "CN"), {"city": latin, "city_native": native}
    if family.code == "western":
        legal = WEST_LEGAL[country]
        return country, {
            "activity": pick(rng, WEST_ACTIVITIES),
            "legal": legal[0],
            "legal_alt": legal[-1],
        }
    return country, {}


def compose_org(
    rng: random.Random, family: OrgFamily, tag: str = "company", country: str | None = None
) -> OrgName:
    """A new organisation name of ``family`` and kind ``tag`` (see ``OrgKind``).

    A family without kinds of that tag falls back to its kinds of the same schema
    (companies for ``company`` and ``exchange``, organisations for ``charity``), then to
    any of its kinds but groups.
    """
    kinds = [k for k in family.kinds if k.tag == tag]
    if not kinds:
        schema = Schema.ORGANIZATION if tag == "charity" else Schema.COMPANY
        kinds = [k for k in family.kinds if k.schema is schema and k.tag != "group"]
    kinds = kinds or [k for k in family.kinds if k.tag != "group"]
    kind: OrgKind = pick(rng, kinds)
    part = _part(rng, family, kind.tag)
    country, fields = _fields(rng, family, country or pick(rng, family.countries))
    native = None
    if kind.native:
        native = kind.native.format(x=part.native, city=fields.get("city_native", ""))
    first = below(rng, len(part.latin)) if rng.random() < 0.3 else 0
    spellings = [kind.latin[0].format(x=part.latin[first], **fields)]
    combos = [(t, x) for t in kind.latin for x in part.latin]
    rng.shuffle(combos)
    seen = {normalize_text(spellings[0])}
    for template, x in combos:
        spelling = template.format(x=x, **fields)
        if normalize_text(spelling) not in seen:
            seen.add(normalize_text(spelling))
            spellings.append(spelling)
    legal = kind.legal_form or fields.get("legal")
    return OrgName(kind.schema, native, tuple(spellings), family.lang, country, legal)


def make_org(
    rng: random.Random, family_code: str, tag: str = "company", country: str | None = None
) -> OrgDraft:
    """A synthetic organisation or company of the named ``ORG_FAMILIES`` entry."""
    name = compose_org(rng, ORG_FAMILIES[family_code], tag, country)
    b = SubjectBuilder(name.schema)
    b.add("name", name.spellings[0])
    truth = list(name.spellings[1:])
    native_stated = name.native is not None and rng.random() < 0.8
    if name.native is not None and native_stated:
        b.add("originalScriptName", name.native, lang=name.lang)
    for _ in range(min(pick(rng, (0, 0, 1, 1, 2)), len(truth) - 1)):
        b.add("alias", truth.pop(0))
    truth = truth[:4]
    if name.native is not None and not native_stated:
        truth.append(name.native)
    b.add("country", name.country)
    if name.schema is Schema.COMPANY:
        _company_facts(rng, b, name)
    if rng.random() < 0.5:
        b.add("address", make_address(rng, name.country), qualifier=name.country)
    return OrgDraft(b.build(), tuple(truth), name)


def _company_facts(rng: random.Random, b: SubjectBuilder, name: OrgName) -> None:
    """Legal form, jurisdiction, incorporation date, registration number, contact."""
    if name.legal_form:
        b.add("legalForm", name.legal_form)
    jurisdiction = name.country
    if rng.random() < 0.25:
        jurisdiction = pick(rng, _OFFSHORE)
        b.add("jurisdiction", jurisdiction)
    b.add("incorporationDate", f"{rng.randint(1995, 2023)}-{rng.randint(1, 12):02d}")
    if rng.random() < 0.7:
        b.add("registrationNumber", make_registration(rng, jurisdiction), qualifier=jurisdiction)
    if rng.random() < 0.2:
        slug = _SLUG.sub("-", name.spellings[0].casefold()).strip("-")[:40]
        b.add("email", f"info@{slug}.com")
    if rng.random() < 0.2:
        phone = f"+{rng.randint(20, 998)} {rng.randint(10, 99)} {rng.randint(100000, 999999)}"
        b.add("phone", phone)
