"""Plain helpers shared by the tests (fixtures live in conftest.py): paths, builds, project copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PROJECT_PARTS = ["mkdocs.yml", "macros", "hooks", "includes", "data", "docs", "overrides"]
# mkdocs.yml takes site_url from HANDBOOK_SITE_URL. The tests build for a project site on GitHub
# Pages, served under a path (not the root), unless the environment names another address.
SITE_URL = os.environ.get("HANDBOOK_SITE_URL") or "https://example.github.io/trade-handbook/"


def site_base_path() -> str:
    """The path the site is served under (from site_url), e.g. "/trade-handbook/"."""
    path = urlsplit(SITE_URL).path or "/"
    return path if path.endswith("/") else path + "/"


def build(project: Path, site_dir: Path, engine: str = "mkdocs", **env_vars: str) -> subprocess.CompletedProcess:
    """A strict build, as `make build` does it (without -v, which skips anchor checks).
    `engine`: the module to run, "mkdocs" or "properdocs" (`make build ENGINE=properdocs`)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_SITE_URL": SITE_URL, **env_vars}
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, env=env, timeout=600,
    )


def copy_project(destination: Path) -> Path:
    """A throw-away copy of the handbook sources, to plant faults in."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, destination / part)
    return destination


def record(page, site_url: str):
    """Record console errors and requests leaving `site_url`, as the `page` fixture does."""
    page.console_errors = []
    page.external_requests = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))

    def on_request(request):
        if not request.url.startswith((site_url, "data:", "blob:")):
            page.external_requests.append(request.url)

    page.on("request", on_request)
    return page
