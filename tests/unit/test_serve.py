"""`make serve` (dev/serve.py): a busy port and a broken build are explained in Chinese."""

from __future__ import annotations

import io
import socket
import subprocess
import sys

import pytest

from .support import ROOT, copy_project

SERVE = ROOT / "dev" / "serve.py"


def load_serve():
    import importlib.util

    spec = importlib.util.spec_from_file_location("hb_serve", SERVE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve = load_serve()


@pytest.fixture
def busy_port():
    """A port someone else is listening on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def run(*args, cwd=ROOT):
    # the timeout only stops a hung run; nothing here depends on how long a step takes
    return subprocess.run([sys.executable, str(SERVE), *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def test_busy_port_gives_the_fix_in_chinese(busy_port):
    result = run("--port", str(busy_port))
    assert result.returncode == serve.BUSY
    assert f"端口 {busy_port} 已被占用" in result.stderr
    assert "make serve PORT=8001" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout and "Errno" not in result.stderr + result.stdout


def test_makefile_passes_port():
    result = subprocess.run(["make", "-n", "serve", "PORT=8123"], cwd=ROOT, capture_output=True, text=True)
    assert "dev/serve.py --port 8123" in result.stdout
    default = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True)
    assert "dev/serve.py --port 8000" in default.stdout


def test_port_problem_is_none_for_a_free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as finder:
        finder.bind(("127.0.0.1", 0))
        free = finder.getsockname()[1]
    assert serve.port_problem("127.0.0.1", free) is None


def test_traceback_of_a_lost_port_race_becomes_the_chinese_sentence():
    lines = ["INFO    -  Building documentation...\n", "Traceback (most recent call last):\n",
             '  File "socketserver.py", line 1, in server_bind\n', "OSError: [Errno 98] Address already in use\n"]
    out, err = io.StringIO(), io.StringIO()
    assert serve.relay(lines, 8000, out, err) is True
    assert out.getvalue() == "INFO    -  Building documentation...\n"
    assert "make serve PORT=8001" in err.getvalue() and "Traceback" not in err.getvalue()


def test_other_tracebacks_are_shown_as_they_are():
    lines = ["Traceback (most recent call last):\n", "ValueError: something else\n"]
    out, err = io.StringIO(), io.StringIO()
    assert serve.relay(lines, 8000, out, err) is False
    assert out.getvalue() == "".join(lines) and err.getvalue() == ""


def test_a_failed_rebuild_says_what_happens_next():
    lines = ["INFO    -  [10:00:00] Serving on http://127.0.0.1:8000/trade-handbook/\n",
             "ERROR   -  手册内容有 1 处问题，修好后再构建：\n",
             "data/agendas/x.yml:2:8: 说明。怎么改：加引号\n",
             "Aborted with a BuildError!\n",
             "ERROR   -  [10:00:05] An error happened during the rebuild. The server will appear stuck until build errors are resolved.\n"]
    out = io.StringIO()
    serve.relay(lines, 8000, out, io.StringIO())
    text = out.getvalue()
    assert "data/agendas/x.yml:2:8: 说明。怎么改：加引号" in text
    assert "手册预览已启动：在浏览器打开 http://127.0.0.1:8000/trade-handbook/" in text
    assert "网站没有更新" in text
    assert "本地预览没有启动" not in text, "a failed rebuild is not a failed start"


def test_broken_first_build_shows_file_line_in_chinese(tmp_path):
    project = copy_project(tmp_path / "project")
    agenda = project / "data" / "agendas" / "call-center-pre-job.yml"
    text = agenda.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    number = text.splitlines().index(title) + 1
    agenda.write_text(text.replace(title, title.replace("title: ", "title: [", 1), 1), encoding="utf-8")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as finder:
        finder.bind(("127.0.0.1", 0))
        free = finder.getsockname()[1]
    result = run("--port", str(free), cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"data/agendas/call-center-pre-job.yml:{number}:8:" in output and "怎么改" in output
    assert "本地预览没有启动" in output


def test_a_mistake_saved_while_serving_blocks_the_update_until_fixed(tmp_path):
    """Rebuilds under `make serve` reuse unchanged pages (dev/preview.py); the data checks still
    run on every save: the same file:line:col problem, no reload until the file is fixed."""
    import os
    import queue
    import signal
    import threading

    project = copy_project(tmp_path / "project")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as finder:
        finder.bind(("127.0.0.1", 0))
        free = finder.getsockname()[1]
    child = subprocess.Popen([sys.executable, str(SERVE), "--port", str(free)], cwd=project, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                             env=dict(os.environ, PYTHONUNBUFFERED="1"), start_new_session=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in child.stdout], daemon=True).start()
    seen: list[str] = []

    def until(text: str) -> str:
        """The output up to the first line with `text` (the timeout only stops a hung preview)."""
        while not any(text in line for line in seen):
            seen.append(lines.get(timeout=120))
        return "".join(seen)

    agenda = project / "data" / "agendas" / "call-center-pre-job.yml"
    text = agenda.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    number = text.splitlines().index(title) + 1
    try:
        until("手册预览已启动")
        agenda.write_text(text.replace(title, title.replace("title: ", "title: [", 1), 1), encoding="utf-8")
        output = until("网站没有更新")
        after_start = output.split("手册预览已启动", 1)[1]
        assert f"data/agendas/call-center-pre-job.yml:{number}:8:" in after_start and "怎么改" in after_start
        assert "Reloading browsers" not in after_start
        agenda.write_text(text, encoding="utf-8")
        output = until("Reloading browsers")
        assert output.count("网站没有更新") == 1
    finally:
        os.killpg(child.pid, signal.SIGINT)  # Ctrl+C, to dev/serve.py and MkDocs
        child.wait(timeout=30)
