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


def test_every_page_has_the_same_policy(site):
    """Instant navigation runs a new page's scripts under the first page's policy, so each page
    must allow every page's hashes, including those of pages written after it."""
    policies = {POLICY.search(path.read_text(encoding="utf-8")).group(1) for path in pages(site)}
    assert len(policies) == 1, f"{len(policies)} different policies"


def test_pages_written_early_get_the_hashes_found_later(tmp_path):
    writer = csp.PolicyWriter()
    first = writer.page("<html><head><meta charset=utf-8></head><script>a()</script></html>", "a/index.html")
    second = writer.page("<html><head></head><script>b()</script></html>", "b/index.html")
    fragment = writer.page("<p>no head</p>", "f.html")
    assert csp.script_hash("b()") not in first and csp.script_hash("a()") in second and fragment == "<p>no head</p>"
    for name, text in {"a/index.html": first, "b/index.html": second, "f.html": fragment,
                       "404.html": "<html><head></head><script>c()</script></html>"}.items():  # never passed to page()
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert writer.finish(tmp_path) == 3  # a, b and 404 lacked a hash; the fragment is not a page
    for name in ("a/index.html", "b/index.html", "404.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert len(POLICY.findall(text)) == 1, name
        assert all(csp.script_hash(body) in text for body in ("a()", "b()", "c()")), name
    assert (tmp_path / "f.html").read_text(encoding="utf-8") == "<p>no head</p>"
