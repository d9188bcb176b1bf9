"""The pins in .github/workflows stay readable and consistent. zizmor (`make lint`) already fails on an
action not pinned by commit; this checks what it does not: each pin names the release tag it was
checked against, and one action is pinned to one commit in every workflow (Dependabot updates them
together)."""

from __future__ import annotations

import re

from .support import ROOT

USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w./-]+)@(?P<ref>\S+)(?P<rest>.*)$", re.MULTILINE)
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def pins():
    for workflow in WORKFLOWS:
        for match in USES.finditer(workflow.read_text(encoding="utf-8")):
            yield workflow.name, match["action"], match["ref"], match["rest"].strip()


def test_every_action_is_pinned_by_commit_with_its_tag():
    found = list(pins())
    assert len(found) >= 10, "expected the workflows' actions"
    bad = [(name, action, ref, rest) for name, action, ref, rest in found
           if not re.fullmatch(r"[0-9a-f]{40}", ref) or not re.fullmatch(r"# v\d+\.\d+\.\d+", rest)]
    assert bad == [], "pin as `owner/action@<full commit SHA> # vX.Y.Z`"


def test_one_commit_per_action_across_workflows():
    seen: dict[str, set[tuple[str, str]]] = {}
    for _, action, ref, rest in pins():
        seen.setdefault(action, set()).add((ref, rest))
    assert {action: refs for action, refs in seen.items() if len(refs) > 1} == {}
