"""Wire-agency credits: which agencies supplied the article TEXT.

Only text that cleaning has already identified as a credit is scanned (credit lines,
agency datelines, "(afp/red)", copyright and source lines); photo credits never are, and
neither is the body, where "Yonhap berichtete …" names a source, not a credit.
Canonical ids and aliases: ``resources/common/agencies.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from storytrace.errors import ResourceError
from storytrace.model import AgencyCredit
from storytrace.resources import load_toml

#: Removal reasons whose text credits the article text (as opposed to photos).
CREDIT_REASONS = frozenset({"agency_credit", "dateline", "copyright"})


@dataclass(frozen=True, slots=True)
class AgencyMatcher:
    """Finds agency aliases as whole words and maps them to canonical ids."""

    regex: re.Pattern[str]
    ids: Mapping[str, str]  # lower-cased alias → canonical id

    def find(self, text: str) -> list[str]:
        """Canonical ids of the agencies named in ``text``, in order, without repeats."""
        out: list[str] = []
        for m in self.regex.finditer(text):
            agency = self.ids[m.group(0).lower()]
            if agency not in out:
                out.append(agency)
        return out


@cache
def agency_matcher() -> AgencyMatcher:
    data = load_toml("common", "agencies")
    table = data.get("agency")
    if not isinstance(table, dict) or not table:
        raise ResourceError("resource common/agencies.toml needs [agency.<id>] tables")
    ids: dict[str, str] = {}
    for agency, entry in table.items():
        aliases = entry.get("aliases") if isinstance(entry, dict) else None
        if not isinstance(aliases, list) or not aliases:
            raise ResourceError(f"resource common/agencies.toml: [agency.{agency}] needs aliases")
        for alias in aliases:
            ids[str(alias).lower()] = agency
    alternation = "|".join(re.escape(a) for a in sorted(ids, key=lambda a: (-len(a), a)))
    # Whole words only: "sid" must not fire inside "Präsident", nor "ap" inside "Kap-Verde";
    # hyphenated forms that are credits ("dpa-AFX", "dpa-infocom") are listed as aliases.
    regex = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
    return AgencyMatcher(regex, MappingProxyType(ids))


def credits_from(evidence: Iterable[str]) -> tuple[AgencyCredit, ...]:
    """One ``AgencyCredit`` per agency, in order of first appearance in ``evidence``."""
    matcher = agency_matcher()
    seen: set[str] = set()
    out: list[AgencyCredit] = []
    for text in evidence:
        for agency in matcher.find(text):
            if agency not in seen:
                seen.add(agency)
                out.append(AgencyCredit(agency, text))
    return tuple(out)
