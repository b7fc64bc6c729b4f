"""Problems found in user data, collected so that one run reports all of them."""

from __future__ import annotations

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

    def format(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = f"{self.field}: " if self.field else ""
        text = f"{where}: {self.severity}: {what}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


@dataclass
class Report:
    """Every problem found in one run, errors and warnings alike."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        if problem not in self.problems:
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

