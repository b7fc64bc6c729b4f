"""``data/tcf.yml``: each category's IAB TCF purposes, checked against the categories' legal bases."""

from __future__ import annotations

from dataclasses import dataclass

from cookiepolicy.loading.documents import read_checked
from cookiepolicy.loading.files import SiteFiles
from cookiepolicy.model.inventory import Inventory
from cookiepolicy.model.problems import PolicyError, Problem, Report
from cookiepolicy.text.words import say

TCF_FILE = "tcf.yml"


@dataclass(frozen=True)
class TcfPurposes:
    purposes: tuple[int, ...]
    special_purposes: tuple[int, ...] = ()


def tcf_mapping(files: SiteFiles, inv: Inventory) -> dict[str, TcfPurposes]:
    """Each category's TCF purposes: from ``data/tcf.yml`` when present, else purpose 1 (storage
    under ePrivacy consent) for categories that need consent and none for exempt ones."""
    mapping = {c.id: TcfPurposes((1,) if c.legal_basis == "consent" else ()) for c in inv.categories}
    path = files.data / TCF_FILE
    if not path.exists():
        return mapping
    doc, problems = read_checked(path, files.name(path), "tcf")
    report = Report(problems)
    for cid, entry in (doc.data or {}).get("categories", {}).items() if not problems else ():
        line = doc.line(("categories", cid))
        category = inv.category(cid)
        if category is None:
            report.add(Problem(file=doc.name, line=line, field=f"categories.{cid}",
                               message=say("data.tcf_unknown_category", id=cid),
                               hint=say("data.tcf_known", known=", ".join(c.id for c in inv.categories))))
            continue
        purposes = tuple(entry.get("purposes", mapping[cid].purposes))
        if category.legal_basis != "not-stated" and (1 in purposes) != (category.legal_basis == "consent"):
            report.add(Problem(file=doc.name, line=line, field=f"categories.{cid}.purposes",
                               message=f"purpose 1 (store or access information on a device) must be listed "
                                       f"exactly when the category needs consent; `{cid}` has consent: "
                                       f"{category.consent}" if category.consent else
                                       f"purpose 1 (store or access information on a device) is based on consent, "
                                       f"but `{cid}` has legal_basis: {category.legal_basis}",
                               hint="add 1 for consent: required, leave it out for consent: exempt"
                                    if category.consent else "leave purpose 1 out for this category"))
        mapping[cid] = TcfPurposes(purposes, tuple(entry.get("special_purposes", ())))
    if not report.ok:
        raise PolicyError(report)
    return mapping
