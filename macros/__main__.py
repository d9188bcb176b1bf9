"""`make check`: python -m macros [project root].

Prints every problem as `path:line:column: 说明。怎么改：…` (plus GitHub annotations when run in
GitHub Actions) and exits 1 when there is any problem.
"""

from __future__ import annotations

import datetime
import os
import sys
import time

from macros.check import check_all, read_config
from macros.notices import print_notices
from macros.registry import FOLDER_KINDS
from macros.workdays import china_calendar, coverage_warning


def main(argv: list[str], today: datetime.date | None = None) -> int:
    """`today`: for the reminders (tests fix it)."""
    today = today or datetime.date.today()
    root = os.path.abspath(argv[1] if len(argv) > 1 else ".")
    started = time.perf_counter()
    config = read_config(root)  # once: reading a long nav takes a while
    result = check_all(root, config=config)
    elapsed = time.perf_counter() - started
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in result.problems:
        print(problem)
        if annotate:
            print(problem.github_annotation())
    handbook = result.handbook
    running_out = coverage_warning(china_calendar(handbook.calendars), today)
    print_notices(root, config.get("extra") or {}, [running_out] if running_out else [], today)  # never changes the exit code
    counted = "、".join(f"{len(handbook.items[kind.folder])} 个{kind.label}" for kind in FOLDER_KINDS)
    summary = f"检查了 {counted}和 {len(result.usage.calls)} 处宏调用，用时 {elapsed:.2f} 秒"
    if result.problems:
        print(f"\n发现 {len(result.problems)} 处问题。{summary}。", file=sys.stderr)
        return 1
    print(f"没有发现问题。{summary}。")
    return 0



if __name__ == "__main__":
    sys.exit(main(sys.argv))
