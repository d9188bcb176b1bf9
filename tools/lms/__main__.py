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
    out = root / args.out  # an absolute --out stays as it is
    quizzes = sorted(handbook.quizzes.items())
    site_url = str(read_config(str(root)).get("site_url") or "")
    try:
        # Everything is made in a temporary folder and moved to `out` at the end: `out` may be
        # inside docs/ (the deploy workflow serves the files), and the package build must not
        # pack the files of an earlier run.
        with tempfile.TemporaryDirectory(prefix="handbook-lms-") as temp:
            made_dir, site_dir = Path(temp) / "dist", Path(temp) / "site"
            made_dir.mkdir()
            for quiz_id, quiz in quizzes:
                (made_dir / f"moodle-{quiz_id}.xml").write_bytes(moodle.question_bank([(quiz_id, quiz)], site_url))
            (made_dir / "moodle-all.xml").write_bytes(moodle.question_bank(quizzes, site_url))
            shutil.rmtree(out, ignore_errors=True)
            site.build(root, site_dir)
            tracks = {track.id: track.title for track in (handbook.tracks.tracks if handbook.tracks else [])}
            exams = {quiz_id: (quiz.title, quiz.pass_mark) for quiz_id, quiz in quizzes if quiz.mode == "exam"}
            for made in package.packages(site_dir, tracks, exams):
                package.write_zip(site_dir, made, made_dir)
                print(f"{made.id}.zip: {made.title}，{len(made.files)} 个文件")
            shutil.copytree(made_dir, out)
    except (moodle.UnsupportedQuestion, package.PackageError) as error:
        print(f"无法生成课件包：{error}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError:
        print("课件包的网站构建失败，见上面 MkDocs 的说明。", file=sys.stderr)
        return 1
    print(f"另有 Moodle 题库 {len(quizzes) + 1} 个（moodle-*.xml）；都在 {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
