"""`make check` reminds a team that copies the handbook of the template settings still in
mkdocs.yml (tools/fork_settings.py), as warnings that never fail the check."""

from __future__ import annotations

import subprocess
import sys

from tools.fork_settings import placeholder_warnings

from .support import ROOT

OWN = {"示例外贸有限公司": "星河贸易有限公司", "示例外贸": "星河贸易", "hr@example.com": "hr@xinghe-trade.cn",
       "示例路": "滨江路", "https://github.com/example/trade-handbook": "https://github.com/xinghe/handbook"}


def copy_config(tmp_path, replacements=None):
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in (replacements or {}).items():
        text = text.replace(old, new)
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return str(tmp_path)


def test_template_company_block_is_reported_with_its_line(tmp_path):
    root = copy_config(tmp_path)
    warnings = placeholder_warnings(root, in_ci=False)
    lines = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert {message.split(" ", 1)[0] for _, message in warnings} >= {"extra.company.name", "extra.company.hr.email"}
    for line, message in warnings:
        assert "怎么改：" in message
        assert message.split("“")[1].split("”")[0] in lines[line - 1]  # the line holds the value


def test_a_forks_own_settings_raise_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://xinghe.github.io/handbook/")
    assert placeholder_warnings(copy_config(tmp_path, OWN), in_ci=True) == []


def test_addresses_are_checked_in_ci_only(tmp_path, monkeypatch):
    monkeypatch.delenv("HANDBOOK_REPO_URL", raising=False)
    root = copy_config(tmp_path, {k: v for k, v in OWN.items() if "github.com" not in k})
    assert placeholder_warnings(root, in_ci=False) == []  # a local preview keeps the defaults
    [(line, message)] = placeholder_warnings(root, in_ci=True)
    assert message.startswith("repo_url ") and "HANDBOOK_REPO_URL" in message
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").splitlines()[line - 1].startswith("repo_url:")


def test_warnings_never_fail_the_check(tmp_path):
    result = subprocess.run([sys.executable, "-m", "tools.fork_settings", copy_config(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, env={"GITHUB_ACTIONS": "true", "CI": "true"})
    assert result.returncode == 0
    assert "提醒：" in result.stdout and "::warning file=mkdocs.yml,line=" in result.stdout
