"""更新记录: what changed in the handbook, from the git history of docs/ and data/.

One `git log` pass, as macros/revision_dates.py does for the 最后更新 dates: every commit with its
author date, subject, two trailers and the files it touched. A trainer marks a change as notable
with a trailer in the commit message:

    更新说明: 报价单模板改为含运费的 CIF 报价     (the line shown; also makes it notable)
    Notable: yes                                 (notable, shown with the commit's subject)

Without git (a copy unpacked from an archive) there is no history: `changes` returns None and the
page says so. Dates are China time.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from macros.revision_dates import CHINA_TIME

# git writes %x00 before each commit, %x1f between its fields and %x1e after its message: none
# of them is ever in a message or a file name. The files the commit touched follow.
FORMAT = "--format=%x00%at%x1f%s%x1f%b%x1e"
# Trailers as trainers type them, at the start of a line of the message; a full-width colon too.
# (git's own trailer parser takes ASCII keys only, so it would not see 更新说明.)
TRAILER = re.compile(r"^(更新说明|Notable)[ \t]*[:：][ \t]*(.*?)[ \t]*$", re.MULTILINE | re.IGNORECASE)
YES = {"yes", "true", "1", "是", "重要"}


@dataclass(frozen=True)
class Change:
    day: date  # China time
    line: str  # the 更新说明 trailer, or the commit's subject
    notable: bool
    files: tuple[str, ...]  # paths from the project folder: docs/…md, data/…yml

    @property
    def shown_day(self) -> str:
        return f"{self.day.year}年{self.day.month}月{self.day.day}日"


def changes(root: str, folders: Iterable[str] = ("docs", "data")) -> list[Change] | None:
    """Every commit touching a page or data file, newest first; None when there is no git history."""
    command = ["git", "-c", "core.quotePath=false", "log", "--no-renames", "--relative", FORMAT,
               "--name-only", "--", *folders]
    try:
        log = subprocess.run(command, cwd=root, capture_output=True, text=True, encoding="utf-8",
                             errors="replace", check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    found: list[Change] = []
    for entry in log.split("\x00")[1:]:
        message, _, listed = entry.partition("\x1e")
        stamp, subject, body = (message.split("\x1f") + ["", ""])[:3]
        files = tuple(line for line in listed.splitlines() if line.endswith((".md", ".yml")))
        if not files:
            continue  # images, scripts or styles only
        trailers = {key.lower(): value for key, value in TRAILER.findall(body)}
        note = trailers.get("更新说明", "")
        found.append(Change(datetime.fromtimestamp(int(stamp), CHINA_TIME).date(), note or subject.strip(),
                            bool(note) or trailers.get("notable", "").lower() in YES, files))
    return found

