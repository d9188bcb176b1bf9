"""macros.check.read_config reads mkdocs.yml with MkDocs' own YAML loader, so `make check` sees the
configuration the build sees: `!ENV` (site_url and repo_url from CI), `!relative $config_dir/…`
and the `!!python/object/apply` slugify functions."""

from __future__ import annotations

import os

from macros.check import read_config

from .support import ROOT

CONFIG = """\
site_name: Test
site_url: !ENV [HB_TEST_SITE_URL, "http://127.0.0.1:8000/"]
repo_url: !ENV [HB_TEST_REPO_URL, "https://github.com/example/trade-handbook"]
markdown_extensions:
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
  - pymdownx.snippets:
      base_path: [!relative $config_dir/includes]
"""


def write(tmp_path, text=CONFIG):
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return str(tmp_path)


def test_env_tag_takes_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("HB_TEST_SITE_URL", "https://x.example/hb/")
    monkeypatch.delenv("HB_TEST_REPO_URL", raising=False)
    config = read_config(write(tmp_path))
    assert config["site_url"] == "https://x.example/hb/"
    assert config["repo_url"] == "https://github.com/example/trade-handbook"  # the default


def test_relative_config_dir_resolves_from_the_file_not_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "project").mkdir()
    root = write(tmp_path / "project")
    monkeypatch.chdir(tmp_path)
    snippets = read_config(root)["markdown_extensions"][1]["pymdownx.snippets"]
    assert os.fspath(snippets["base_path"][0]) == os.path.join(root, "includes")


def test_slugify_is_built(tmp_path):
    toc = read_config(write(tmp_path))["markdown_extensions"][0]["toc"]
    assert toc["slugify"]("Hello World", "-") == "hello-world"


def test_the_handbook_config_reads_with_its_env_defaults(monkeypatch):
    for name in ("HANDBOOK_SITE_URL", "HANDBOOK_REPO_URL", "HANDBOOK_REPO_NAME"):
        monkeypatch.delenv(name, raising=False)
    config = read_config(str(ROOT))
    assert config["site_url"] == "http://127.0.0.1:8000/"
    assert config["repo_url"].startswith("https://github.com/")
