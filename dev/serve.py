"""`make serve`: MkDocs' live preview, with what a trainer needs to read in Chinese.

- A busy port ends with one Chinese sentence and the fix (`make serve PORT=8001`), exit code 2,
  instead of MkDocs' `OSError: [Errno 98]` traceback.
- A mistake in a data file or page: MkDocs already prints our `file:line:col: 说明。怎么改：…`
  lines; this adds, in Chinese, what happens next (the browser waits until the file is fixed and
  saved; a first build that fails stops the preview).

Everything else MkDocs prints is passed through unchanged. MkDocs runs through dev/preview.py,
which makes its rebuilds reuse the work of unchanged pages.

    python dev/serve.py [--port 8000] [--host 127.0.0.1] [--config-file mkdocs.yml]
"""

from __future__ import annotations

import argparse
import errno
import socket
import subprocess
import sys
from pathlib import Path

PREVIEW = Path(__file__).resolve().with_name("preview.py")
BUSY = 2  # exit code for a port that cannot be used

REBUILD_FAILED = "An error happened during the rebuild"
FIRST_BUILD_FAILED = "Aborted with a BuildError"
SERVING = "Serving on "
ADDRESS_IN_USE = ("Address already in use", "[Errno 98]", "[Errno 48]", "[WinError 10048]")


def port_problem(host: str, port: int) -> str | None:
    """Why the preview cannot listen on host:port (in Chinese, with the fix), or None if it can."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
        try:
            probe.bind((host, port))
        except OSError as error:
            return port_message(port, error.errno)
    return None


def port_message(port: int, code: int | None = errno.EADDRINUSE) -> str:
    other = 8001 if port != 8001 else 8002
    if code in (errno.EACCES, errno.EPERM):
        reason = f"没有权限使用端口 {port}（1024 以下的端口要管理员权限）"
    else:
        reason = f"端口 {port} 已被占用：可能另一个 make serve 还开着，或者别的程序在用它"
    return (f"无法启动本地预览：{reason}。\n"
            f"怎么改：换一个端口，运行 make serve PORT={other}，然后在浏览器打开 http://127.0.0.1:{other}/ ；"
            f"或者先关掉占用端口 {port} 的那个终端窗口（按 Ctrl+C），再运行 make serve。")


def note_for(line: str, serving: bool) -> str | None:
    """A Chinese line to add after a line of MkDocs output, or None. `serving`: the first build
    succeeded (MkDocs prints the same "Aborted" line for a failed rebuild)."""
    if REBUILD_FAILED in line:
        return ("↑ 网站没有更新：按上面“文件:行:列”的提示改好并保存，预览会自动重新构建。"
                "在此之前浏览器里的页面会一直转圈，这是正常的。")
    if FIRST_BUILD_FAILED in line and not serving:
        return "↑ 本地预览没有启动：按上面“文件:行:列”的提示改好并保存，再运行 make serve。"
    if SERVING in line:
        address = line.split(SERVING, 1)[1].strip()
        return f"手册预览已启动：在浏览器打开 {address} 。保存文件后页面会自动刷新；按 Ctrl+C 停止。"
    return None


def relay(lines, port: int, out=sys.stdout, err=sys.stderr) -> bool:
    """Pass MkDocs' output on with our notes. A traceback comes only as MkDocs stops, so it is held
    back to the end: a busy port (lost a race after port_problem) becomes our sentence instead.
    Returns True when the port turned out to be busy."""
    held: list[str] = []
    serving = False
    for line in lines:
        if held or line.startswith("Traceback"):
            held.append(line)
            continue
        out.write(line)
        note = note_for(line, serving)
        serving = serving or SERVING in line
        if note:
            print(note, file=out, flush=True)
    if any(marker in line for line in held for marker in ADDRESS_IN_USE):
        print(port_message(port), file=err)
        return True
    out.writelines(held)
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)

    problem = port_problem(args.host, args.port)
    if problem:
        print(problem, file=sys.stderr)
        return BUSY

    # MkDocs' own `serve`, with rebuilds that reuse unchanged pages' work (dev/preview.py)
    command = [sys.executable, str(PREVIEW), "serve", "--config-file", args.config_file,
               "--dev-addr", f"{args.host}:{args.port}"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             encoding="utf-8", errors="replace", bufsize=1)
    try:
        busy = relay(child.stdout, args.port)
        code = child.wait()
    except KeyboardInterrupt:  # Ctrl+C reaches MkDocs too; let it stop, then leave quietly
        child.wait()
        return 0
    return BUSY if busy else code


if __name__ == "__main__":
    sys.exit(main())
