"""`make check`, second part: warn (never fail) while mkdocs.yml still has the template's settings.

A team that copies the handbook edits `extra.company`; on GitHub, CI fills in `site_url` and
`repo_url` from the environment (see README, 给复制本手册的团队). Each warning names the line in
mkdocs.yml, like the data checks, and becomes a GitHub annotation in Actions.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

from macros.check import read_config

# Text that only the template uses: example domains (RFC 2606) and the 示例 company.
PLACEHOLDERS = ("example.com", "example.github.io", "github.com/example/", "示例")
# site_url and repo_url come from the environment in CI; their local defaults are expected in a preview.
FROM_ENVIRONMENT = {"site_url": "HANDBOOK_SITE_URL", "repo_url": "HANDBOOK_REPO_URL"}


def _leaves(value: object, path: str) -> Iterator[tuple[str, str]]:
    """(dotted key, text) for every string under `value`."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


def _line_of(lines: list[str], key: str, text: str) -> int:
    """The line that sets `key` (its last part) to a value containing `text`; else the key's line."""
    name = key.rsplit(".", 1)[-1]
    for wanted in (lambda line: text in line and name in line, lambda line: text in line,
                   lambda line: line.lstrip().startswith(name + ":")):
        for number, line in enumerate(lines, 1):
            if wanted(line):
                return number
    return 1


def placeholder_warnings(root: str, in_ci: bool) -> list[tuple[int, str]]:
    """(line, message) for each setting of mkdocs.yml that still holds a template placeholder."""
    config = read_config(root)
    with open(os.path.join(root, "mkdocs.yml"), encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    found = []
    settings = list(_leaves((config.get("extra") or {}).get("company") or {}, "extra.company"))
    if in_ci:  # locally the defaults are fine: links in a preview point nowhere anyway
        settings += [(key, str(config.get(key) or "")) for key in FROM_ENVIRONMENT]
    for key, text in settings:
        marker = next((p for p in PLACEHOLDERS if p in text), None)
        if marker is None:
            continue
        if key in FROM_ENVIRONMENT:
            hint = (f"由 CI 设置环境变量 {FROM_ENVIRONMENT[key]}（GitHub Pages 上 deploy.yml 已自动设置），"
                    f"或改 mkdocs.yml 中 !ENV 后面的默认值")
        else:
            hint = "在 mkdocs.yml 的 extra.company 中填入本公司的真实信息"
        line = _line_of(lines, key, text if key not in FROM_ENVIRONMENT else key + ":")
        found.append((line, f"{key} 仍是模板里的示例值“{text}”（含“{marker}”）。怎么改：{hint}"))
    return found


def main(argv: list[str]) -> int:
    root = os.path.abspath(argv[1] if len(argv) > 1 else ".")
    in_ci = bool(os.environ.get("CI"))
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    warnings = placeholder_warnings(root, in_ci)
    for line, message in warnings:
        print(f"mkdocs.yml:{line}:1: 提醒：{message}")
        if annotate:
            print(f"::warning file=mkdocs.yml,line={line}::{message.replace('%', '%25')}")
    if warnings:
        print(f"\n{len(warnings)} 处设置仍是模板示例值（只是提醒，不影响构建）。复制本手册的团队请看 README。")
    return 0  # a reminder, never a failure: the template itself keeps its placeholders


if __name__ == "__main__":
    sys.exit(main(sys.argv))
