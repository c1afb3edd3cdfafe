"""Organisation names: native forms, legal forms, realistic kinds."""

from __future__ import annotations

import random

from ictd.demo import SyntheticSubject
from ictd.demo.org_names import ORG_FAMILIES
from ictd.demo.orgs import compose_org
from ictd.model import Schema


def _names(family: str, tag: str = "company", count: int = 200) -> list[tuple[str | None, str]]:
    rng = random.Random(5)
    names = [compose_org(rng, ORG_FAMILIES[family], tag) for _ in range(count)]
    return [(n.native, n.spellings[0]) for n in names]


def test_arabic_trading_company() -> None:
    names = _names("arabic")
    assert any(
        native == "شركة قصر النخيل للتجارة العامة ذ.م.م"
        and latin == "Qasr al-Nakhil General Trading LLC"
        for native, latin in names
    )


def test_arabic_charity() -> None:
    names = _names("arabic", "charity")
    assert ("مؤسسة النور الخيرية", "Al-Noor Charitable Foundation") in names


def test_russian_company_has_its_legal_form_in_both_scripts() -> None:
    for native, latin in _names("russian"):
        assert native is not None and native.startswith(("ООО «", "АО «"))
        assert ("LLC" in latin or "OOO" in latin) == native.startswith("ООО")
    assert ("ООО «Восток Логистик»", "Vostok Logistik LLC") in _names("russian", count=2000)


def test_chinese_company() -> None:
    for native, latin in _names("chinese"):
        assert native is not None and native.endswith("有限公司")
        assert latin.endswith(("Co., Ltd.", "Co Ltd", "Company Limited"))


def test_western_company_has_a_legal_form_of_its_country() -> None:
    rng = random.Random(1)
    name = compose_org(rng, ORG_FAMILIES["western"], country="DE")
    assert name.native is None and name.spellings[0].endswith(" GmbH")
    assert name.legal_form == "GmbH"


def test_groups_are_organisations_with_arabic_names(sample: list[SyntheticSubject]) -> None:
    groups = [s for s in sample if s.role == "group"]
    assert groups
    for group in groups:
        assert group.schema is Schema.ORGANIZATION
        name = group.subject.first("name") or ""
        assert name.split()[0] in {"Katibat", "Katiba", "Liwa", "Liwa'", "Jamaat", "Jama'at"} or (
            name.endswith(("Battalion", "Brigade", "Group"))
        )


def test_companies_have_registers_and_incorporation(sample: list[SyntheticSubject]) -> None:
    companies = [s for s in sample if s.schema is Schema.COMPANY]
    registered = [s for s in companies if s.subject.values("registrationNumber")]
    assert len(registered) > len(companies) / 2
    assert all(s.subject.values("incorporationDate") for s in companies)
