"""`#anchor`s of links, checked in a build against the ids of the pages MkDocs renders.

`make check` builds nothing, so it converts each linked page to learn its ids (links.anchors_of).
In a build that second Markdown pass was half of the macros' whole cost (dev/benchmarks.md), and
MkDocs renders every page anyway. So the build collects each link that has an anchor, together
with the problem to report if the anchor is missing; hooks/anchor_links.py records the ids of each
rendered page and asks for `report()` once all pages are rendered, before any file is written.
The built HTML is the truth: a heading made by a macro counts too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from macros import links
from macros.problems import Problem, format_problems

# Where define_env leaves the collected anchors for hooks/anchor_links.py (a fresh config per build).
CONFIG_KEY = "handbook_anchor_links"


@dataclass(frozen=True)
class PendingAnchor:
    page: str  # docs-relative path of the linked page
    anchor: str
    problem: Problem  # what to report if the page has no such id


@dataclass
class DeferredAnchors:
    pending: list[PendingAnchor] = field(default_factory=list)
    ids: dict[str, frozenset[str]] = field(default_factory=dict)  # docs-relative path -> ids

    _linked: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)  # pages of `pending`

    def expect(self, page: str, anchor: str, problem: Problem) -> None:
        self.pending.append(PendingAnchor(page, anchor, problem))
        self._linked = None

    def wants(self, page: str) -> bool:
        """Whether a link expects an anchor on `page`: only those pages' ids need recording."""
        if self._linked is None:
            self._linked = frozenset(item.page for item in self.pending)
        return page.replace(os.sep, "/") in self._linked

    def record(self, page: str, html: str) -> None:
        """The ids of one rendered page (its content, as MkDocs produced it)."""
        self.ids[page.replace(os.sep, "/")] = frozenset(links.ids_in_html(html))

    def missing(self) -> list[Problem]:
        """Problems of the anchors that no rendered page has (a page not rendered has none)."""
        return sorted({_suggesting(item, self.ids.get(item.page, frozenset())) for item in self.pending
                       if item.anchor not in self.ids.get(item.page, ())})

    def report(self) -> str | None:
        """The build's error message for the missing anchors, or None when every anchor exists."""
        missing = self.missing()
        return format_problems(missing) if missing else None

    def missing_without_build(self, docs_dir: str) -> list[Problem]:
        """The same answer before any page is rendered, by converting the linked pages."""
        missing = set()
        for item in self.pending:
            target = os.path.join(docs_dir, item.page)
            if links.check(f"{item.page}#{item.anchor}", docs_dir) is not None:
                ids = links.anchors_of(target, os.path.getmtime(target)) if os.path.isfile(target) else frozenset()
                missing.add(_suggesting(item, ids))
        return sorted(missing)


def _suggesting(item: PendingAnchor, ids: frozenset[str]) -> Problem:
    """The pending problem, its hint now naming the page's nearest id (known only now)."""
    return replace(item.problem, hint=links.anchor_guess(item.anchor, ids) + item.problem.hint)
