"""`python -m tools.lms [project] [--out dist]`: see tools/lms/__init__.py and docs/trainers/lms.md.

Trainer data is checked first, as `make check` does: a mistake is reported as file:line and
nothing is written."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.check import check_all, read_config
from macros.problems import HandbookInputError
from tools.lms import moodle, package, site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.lms", description=__doc__)
    parser.add_argument("project", nargs="?", default=".")
    parser.add_argument("--out", default="dist", help="folder for the packages and question banks (emptied first)")
    args = parser.parse_args(argv)
    root = Path(args.project).resolve()
    checked = check_all(str(root))
    if checked.problems:
        print(HandbookInputError(checked.problems), file=sys.stderr)
        return 1
    handbook = checked.handbook
    out = (root / args.out) if not Path(args.out).is_absolute() else Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)

    quizzes = sorted(handbook.quizzes.items())
    site_url = str(read_config(str(root)).get("site_url") or "")
    try:
        for quiz_id, quiz in quizzes:
            (out / f"moodle-{quiz_id}.xml").write_bytes(moodle.question_bank([(quiz_id, quiz)], site_url))
        (out / "moodle-all.xml").write_bytes(moodle.question_bank(quizzes, site_url))
        with tempfile.TemporaryDirectory(prefix="handbook-lms-") as temp:
            site_dir = Path(temp) / "site"
            site.build(root, site_dir)
            tracks = {track.id: track.title for track in (handbook.tracks.tracks if handbook.tracks else [])}
            exams = {quiz_id: (quiz.title, quiz.pass_mark) for quiz_id, quiz in quizzes if quiz.mode == "exam"}
            for made in package.packages(site_dir, tracks, exams):
                path = package.write_zip(site_dir, made, out)
                print(f"{path.relative_to(root) if path.is_relative_to(root) else path}: {made.title}，{len(made.files)} 个文件")
    except (moodle.UnsupportedQuestion, package.PackageError) as error:
        print(f"无法生成课件包：{error}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError:
        print("课件包的网站构建失败，见上面 MkDocs 的说明。", file=sys.stderr)
        return 1
    print(f"{out}: 另有 Moodle 题库 {len(quizzes) + 1} 个（moodle-*.xml）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
