"""A problem found in trainer input, reported as `path:line:col: message. 怎么改：hint`."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based
    column: int  # 1-based
    message: str  # Chinese: what is wrong
    hint: str = ""  # Chinese: what to write instead

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{text}。怎么改：{self.hint}" if self.hint else text

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions annotation shown on the pull request's diff."""
        body = f"{self.message}。怎么改：{self.hint}" if self.hint else self.message
        return (f"::error file={_escape_property(self.path)},line={self.line},col={self.column}"
                f"::{_escape_data(body)}")


def _escape_data(text: str) -> str:
    """GitHub's workflow-command escaping for the message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Property values (file=…) also escape `:` and `,`, which would end the value."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class HandbookInputError(Exception):
    """Raised when trainer input has problems; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    count = len(problems)
    lines = [f"手册内容有 {count} 处问题，修好后再构建：", *map(str, problems)]
    return "\n".join(lines)


def relative_path(path: str, root: str) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")
