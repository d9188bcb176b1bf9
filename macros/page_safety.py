"""The untrusted-text rules (untrusted.py) applied to a Markdown page, with lines.

A page is converted with the project's own Markdown extensions (links.py), so raw HTML, inline,
reference-style and autolinks are found as the build will produce them, and code examples in
backticks or code blocks are text, not markup. Front-matter titles and descriptions are checked
as written, since the theme places them unescaped.
"""

from __future__ import annotations

import os
import re

from macros import links
from macros.pages import FRONT_MATTER, read_page
from macros.problems import Problem
from macros.untrusted import front_matter_findings, html_findings, locate, might_break_a_rule

FRONT_MATTER_TEXT = re.compile(r"^(title|description):\s*(.+?)\s*$", re.MULTILINE)


def page_problems(docs_dir: str, path: str, display: str) -> list[Problem]:
    full_path = os.path.join(docs_dir, path)
    text = read_page(full_path)
    problems: list[Problem] = []
    front = FRONT_MATTER.match(text)
    body_line = 1
    if front:
        body_line = front.group(0).count("\n") + 1
        for match in FRONT_MATTER_TEXT.finditer(front.group(1)):
            line = front.group(1).count("\n", 0, match.start()) + 2  # +1 for the opening ---
            value = match.group(2).strip("'\"") if match.group(2)[:1] in "'\"" else match.group(2)
            for finding in front_matter_findings(match.group(1), value):
                column = match.start(2) - (front.group(1).rfind("\n", 0, match.start()) + 1) + 1
                problems.append(Problem(display, line, column, f"{match.group(1)}：{finding.message}", finding.hint))
    if not might_break_a_rule(text):
        return problems  # nothing that could be markup or an address with a scheme: skip the conversion
    # the conversion anchors_of makes of the same file, when a link has asked for its anchors
    for finding in html_findings(links.page_html_of(full_path, os.path.getmtime(full_path))):
        line, column = locate(text, finding.needle, body_line)
        problems.append(Problem(display, line, column, finding.message, finding.hint))
    return problems
