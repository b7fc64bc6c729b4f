"""Problems found in user data, collected so that one run reports all of them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One mistake in the data: where it is, what is wrong, and what would be right."""

    file: str
    message: str
    line: int | None = None
    field: str | None = None
    hint: str | None = None
    severity: str = ERROR

    def format(self, lang: str | None = None) -> str:
        """One line for a terminal or CI log, in ``lang`` (default: the command's language; see
        ``words``): control and invisible characters shown as escapes."""
        lang = lang or WORDS.language()
        where = self.file + (f":{self.line}" if self.line else "")
        what = f"{self.field}: " if self.field else ""
        severity = self.severity if lang == "en" else WORDS.severity(self.severity, lang)
        text = f"{where}: {severity}: {what}{WORDS.in_language(self.message, lang)}"
        if self.hint:
            text += f" ({WORDS.in_language(self.hint, lang)})"
        return visible(text)


class Words:
    """How a problem is worded in the command's language: English as written until ``text.words``, which
    knows the catalogs, installs itself here (the model is below the words and never imports them)."""

    @staticmethod
    def language() -> str:
        return "en"

    @staticmethod
    def in_language(text: str, lang: str) -> str:
        return text

    @staticmethod
    def severity(severity: str, lang: str) -> str:
        return severity


WORDS = Words()


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


# C0/C1 controls (escape sequences, newlines), bidi controls, zero-width and other format characters,
# separators other than the space, surrogates: nothing a data value can use to redraw a terminal
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e"
                        r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb\ud800-\udfff]")


def visible(text: str) -> str:
    """``text`` with every control or invisible character written as ``\\x1b``, ``\\u202e``..."""
    return _INVISIBLE.sub(_escape_char, text)


@dataclass
class Report:
    """Every problem found in one run, errors and warnings alike."""

    problems: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._seen.update(self.problems)

    def add(self, problem: Problem) -> None:
        """Add once: a set keeps this constant-time, so 40,000 problems take no longer than 40,000 reads."""
        if problem not in self._seen:
            self._seen.add(problem)
            self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(self.problems, key=lambda p: (p.file, p.line or 0, p.message)))

    def format(self) -> str:
        return "\n".join(p.format() for p in self)


class PolicyError(Exception):
    """A user mistake that stops a command; carries the report to print instead of a traceback."""

    def __init__(self, report: Report | str):
        if isinstance(report, str):
            report = Report([Problem(file="", message=report)])
        self.report = report
        super().__init__(report.format())

