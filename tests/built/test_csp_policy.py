"""Every built page carries a Content-Security-Policy that lets only the site's own scripts run."""

from __future__ import annotations

import re

from macros import csp

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def pages(site):
    return sorted(site.rglob("*.html"))


def test_every_page_has_one_policy_before_any_script(site):
    assert len(pages(site)) > 40
    for path in pages(site):
        text = path.read_text(encoding="utf-8")
        found = POLICY.findall(text)
        assert len(found) == 1, f"{path.relative_to(site)}: {len(found)} policies"
        first_script = text.find("<script")
        assert first_script == -1 or text.find(found[0]) < first_script, f"{path.relative_to(site)}: a script comes first"


def test_policy_allows_no_inline_code_but_the_theme_scripts_by_hash(site):
    for path in pages(site):
        text = path.read_text(encoding="utf-8")
        policy = POLICY.search(text).group(1)
        script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src and "*" not in script_src
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        for body in csp.inline_scripts(text):
            assert csp.script_hash(body) in script_src, f"{path.relative_to(site)}: inline script not allowed: {body[:60]}"


def test_json_data_blocks_are_not_counted_as_scripts():
    page = ('<script id="__config" type="application/json">{"a": 1}</script><script>run()</script>'
            '<script src="x.js"></script><script type="module">go()</script>')
    assert csp.inline_scripts(page) == ["run()", "go()"]
