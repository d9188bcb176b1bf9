"""Notices for `make check` that never fail it: what a company still has to fill in, and which
pages are due for review.

- Company variables left empty ("") in mkdocs.yml `extra.company` (e.g. the limits of the
  escalation matrix): readers see company.UNSET_TEXT (请向主管确认) until someone fills them in.
- Pages whose front matter `reviewed:` date is more than `extra.review_months` months old
  (default 12), or that name no `owner:` / `reviewed:` at all. A date passing is a reminder for
  the page's owner, not a broken handbook, so none of this changes the exit code.
"""

from __future__ import annotations

import calendar
import datetime
import os
from collections.abc import Mapping
from typing import Any

import yaml

from macros.company import UNSET_TEXT
from macros.pages import FRONT_MATTER, markdown_pages, read_page

DEFAULT_REVIEW_MONTHS = 12


def empty_company_variables(extra: Mapping[str, Any]) -> list[str]:
    """Dotted names (`company.authority.discount_max`) whose value is an empty string."""
    found: list[str] = []

    def walk(value: object, prefix: str) -> None:
        if isinstance(value, Mapping):
            for key, child in value.items():
                walk(child, f"{prefix}.{key}")
        elif isinstance(value, str) and not value.strip():
            found.append(prefix)

    walk(extra.get("company") or {}, "company")
    return found


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole months; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def page_review_notice(path: str, text: str, months: int, today: datetime.date) -> str | None:
    """One line about a page that is overdue for review or lacks owner/reviewed, else None."""
    front = FRONT_MATTER.match(text)
    try:
        meta = (yaml.safe_load(front.group(1)) if front else None) or {}
    except yaml.YAMLError:
        return None  # make check reports broken front matter elsewhere; the build fails on it
    owner, reviewed = meta.get("owner"), meta.get("reviewed")
    missing = [key for key, value in (("owner", owner), ("reviewed", reviewed)) if not value]
    if missing:
        return f"{path}：前置信息缺少 {'、'.join(missing)}（负责人岗位和上次审核日期，例如 reviewed: {today.isoformat()}）"
    if isinstance(reviewed, datetime.datetime):
        reviewed = reviewed.date()
    if not isinstance(reviewed, datetime.date):
        return f"{path}：reviewed 写成了「{reviewed}」，应写成日期，例如 reviewed: {today.isoformat()}"
    due = add_months(reviewed, months)
    if due < today:
        return f"{path}：上次审核 {reviewed.isoformat()}，已过审核期（{due.isoformat()}），请{owner}重新审核"
    return None


def review_months(extra: Mapping[str, Any]) -> int:
    value = extra.get("review_months", DEFAULT_REVIEW_MONTHS)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else DEFAULT_REVIEW_MONTHS


def collect(docs_dir: str, extra: Mapping[str, Any], today: datetime.date | None = None) -> list[str]:
    """Every notice, company variables first, then pages in path order."""
    today = today or datetime.date.today()
    notices = [f"mkdocs.yml：公司变量 {name} 还是空的，读者在页面上看到“{UNSET_TEXT}”" for name in empty_company_variables(extra)]
    months = review_months(extra)
    for path in markdown_pages(docs_dir):
        notice = page_review_notice(f"docs/{path}", read_page(os.path.join(docs_dir, path)), months, today)
        if notice:
            notices.append(notice)
    return notices


def print_notices(root: str, extra: Mapping[str, Any], first: list[str] | None = None,
                  today: datetime.date | None = None) -> None:
    """Print the notices after the problems, as plain lines: in GitHub Actions an annotation is
    reserved for problems (`::error`), so a reminder never looks like a failure. `first`: other
    reminders to print before these (the agendas' holiday calendar running out)."""
    notices = (first or []) + collect(os.path.join(root, "docs"), extra, today)
    for notice in notices:
        print(f"提示：{notice}")
    if notices:
        print(f"{len(notices)} 条提示（不影响检查结果）。")
