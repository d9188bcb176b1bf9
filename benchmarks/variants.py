"""The three projects `make bench` builds from the same pages (see dev/benchmarks.md):

- handbook: the project as configured (the real one, or the synthetic book of synthetic.py);
- stock: stock Material for MkDocs. The same pages and `markdown_extensions`, Material's own
  search plugin as configured, not our macros plugin (nor the 最后更新 dates it adds), no
  hooks (so no glossary tooltips), no theme overrides and no snippets auto-append. The macros' output is
  rendered here once, in-process, through the real `macros.define_env`, and the pages the macros
  generate are written as ordinary Markdown files, so the content HTML is comparable;
- no-git: the handbook outside a git repository, so macros/revision_dates.py runs no `git log`
  (every page shows the build date).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import jinja2
import yaml
from mkdocs.config import load_config

from macros import (
    define_env,  # the real macros (run from the repository root, as `make bench` does)
)
from macros.generated import CONFIG_KEY as GENERATED_PAGES
from macros.links import page_url

from .config_text import (
    without_line,
    without_list_entry,
    without_top_level_key,
)
from .synthetic import FRONT_MATTER, REPO

REAL_PROJECT = ("mkdocs.yml", "docs", "data", "macros", "hooks", "includes", "overrides")
OUR_PLUGINS = ("macros",)
COMMIT_DATE = "2026-01-05T09:00:00+08:00"
VARIANTS = ("handbook", "stock", "no-git")


def write_real_project(project: Path) -> None:
    """A copy of the real handbook (what a build reads), so all three variants are built alike."""
    for name in REAL_PROJECT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / name)


class MacroEnv:
    """The part of mkdocs-macros' `env` that macros.define_env uses: conf, page, variables, macro()."""

    def __init__(self, conf):
        self.conf = conf
        self.page = None
        self.functions: dict = {}
        self.variables = dict(conf.get("extra") or {})

    def macro(self, function, name=None):
        """`@env.macro`, `env.macro(function)` or `env.macro(function, "name")`, as in mkdocs-macros."""
        self.functions[name or function.__name__] = function
        return function


def prerendered_pages(handbook_project: Path) -> dict[str, str]:
    """Docs-relative path -> Markdown with every macro call replaced by its output: the pages that
    have template code, and the pages the macros generate (macros/generated.py)."""
    conf = load_config(config_file=str(handbook_project / "mkdocs.yml"))  # as the plugin gets it
    env = MacroEnv(conf)
    define_env(env)  # validates the data once and registers the macros, exactly as the plugin does
    # mkdocs-macros renders each page as a Jinja template with the `extra:` variables, `config`
    # and the macros; `{% include %}` reads from include_dir.
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                               loader=jinja2.FileSystemLoader(str(handbook_project / "includes")))
    variables = {**env.variables, "config": conf, **env.functions}

    def render(markdown: str, src_path: str) -> str:
        front = FRONT_MATTER.match(markdown)
        head, body = (markdown[:front.end()], markdown[front.end():]) if front else ("", markdown)
        meta = (yaml.safe_load(front.group(1)) or {}) if front else {}
        env.page = SimpleNamespace(url=page_url(src_path), meta=dict(meta), file=SimpleNamespace(src_uri=src_path))
        html = jinja.from_string(body).render(**variables, page=env.page)
        if env.page.meta != meta:  # generated_page() sets the page's (escaped) title and description
            head = "---\n" + yaml.safe_dump(env.page.meta, allow_unicode=True, sort_keys=False, width=10**6) + "---\n\n"
        return head + html

    docs = Path(conf["docs_dir"])
    pages = {}
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = FRONT_MATTER.match(text)
        if front and (yaml.safe_load(front.group(1)) or {}).get("render_macros") is False:
            continue  # shown as written, by the macros plugin too
        if "{{" in text or "{%" in text:
            src_path = path.relative_to(docs).as_posix()
            pages[src_path] = render(text, src_path)
    for page in conf[GENERATED_PAGES]:  # what hooks/generated_pages.py hands to MkDocs
        pages[page.src_uri] = render(page.markdown, page.src_uri)
    return pages


def stock_config(text: str) -> str:
    for plugin in OUR_PLUGINS:
        text = without_list_entry(text, plugin)
    text = without_top_level_key(text, "hooks")  # the glossary tooltips go with them (hooks/cjk_abbr.py)
    return without_line(text, r"\s+custom_dir:.*")  # our theme overrides


def write_stock_project(handbook_project: Path, project: Path) -> None:
    pages = prerendered_pages(handbook_project)
    shutil.copytree(handbook_project, project, ignore=shutil.ignore_patterns(".git", "__pycache__", "hooks", "overrides"))
    for src_path, markdown in pages.items():
        target = project / "docs" / src_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    _edit_config(project, stock_config)


def write_no_git_project(handbook_project: Path, project: Path) -> None:
    shutil.copytree(handbook_project, project, ignore=shutil.ignore_patterns(".git", "__pycache__"))


def _edit_config(project: Path, edit) -> None:
    path = project / "mkdocs.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")


def check_variant(project: Path, variant: str) -> None:
    """Load the project's mkdocs.yml with MkDocs' own loader: is it the variant we meant?"""
    config = load_config(config_file=str(project / "mkdocs.yml"))
    plugins = set(config.plugins)
    hooks = set(config.hooks)
    snippets = (config.mdx_configs or {}).get("pymdownx.snippets", {})
    expected = {
        "handbook": "macros" in plugins and bool(hooks),
        "no-git": "macros" in plugins and bool(hooks) and not (project / ".git").exists(),
        "stock": not (plugins & set(OUR_PLUGINS)) and not hooks and not config.theme.custom_dir
                 and not snippets.get("auto_append"),
    }[variant]
    if not expected:
        raise SystemExit(f"{project}/mkdocs.yml is not the {variant} variant: plugins {sorted(plugins)}, "
                         f"hooks {sorted(hooks)}, custom_dir {config.theme.custom_dir}, snippets {snippets}")


def commit(project: Path) -> None:
    """A one-commit git repository, so the 最后更新 dates come from `git log`, as in CI."""
    git = ["git", "-C", str(project), "-c", "user.name=bench", "-c", "user.email=bench@example.invalid",
           "-c", "commit.gpgsign=false"]
    # A fixed date, so every build shows the same "last updated" line and their HTML can be compared.
    env = dict(os.environ, GIT_AUTHOR_DATE=COMMIT_DATE, GIT_COMMITTER_DATE=COMMIT_DATE)
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "handbook benchmark"], check=True, env=env)
