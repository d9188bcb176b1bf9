"""`make scorm` (tools/lms): every SCORM 1.2 package is complete and holds nothing it does not need,
and every Moodle question bank carries the quizzes of data/quizzes/ intact."""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from macros.inline import inline_html
from tools.lms import moodle, package

from helpers import ROOT, SITE_URL

IMSCP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
TRACKS = [track["id"] for track in yaml.safe_load((ROOT / "data/tracks.yml").read_text(encoding="utf-8"))["tracks"]]
QUIZZES = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "data/quizzes").glob("*.yml"))}
EXAMS = [quiz_id for quiz_id, quiz in QUIZZES.items() if quiz.get("mode") == "exam"]
PACKAGES = [f"track-{track}" for track in TRACKS] + [f"exam-{quiz}" for quiz in EXAMS]


def test_one_package_per_track_and_exam(lms_dist):
    assert EXAMS, "the handbook has an exam (mock-test)"
    assert sorted(path.stem for path in lms_dist.glob("*.zip")) == sorted(PACKAGES)


@pytest.mark.parametrize("name", PACKAGES)
def test_manifest_lists_exactly_the_files_of_the_zip(lms_dist, name):
    with zipfile.ZipFile(lms_dist / f"{name}.zip") as archive:
        names = set(archive.namelist())
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.findtext(f"{IMSCP}metadata/{IMSCP}schemaversion") == "1.2"
    resources = manifest.findall(f"{IMSCP}resources/{IMSCP}resource")
    assert len(resources) == 1 and resources[0].get(f"{ADLCP}scormtype") == "sco", "one SCO per package"
    listed = {file.get("href") for file in resources[0].findall(f"{IMSCP}file")}
    assert resources[0].get("href") in listed
    assert listed == names - {"imsmanifest.xml"}, "every file named exists, and no file is left unnamed"
    items = manifest.findall(f".//{IMSCP}item")
    assert len(items) == 1 and items[0].get("identifierref") == resources[0].get("identifier")


@pytest.mark.parametrize("name", PACKAGES)
def test_zip_holds_only_what_its_pages_reach(lms_dist, name, tmp_path):
    """Unpacked, every file but the launcher is reached from the start page; no website-only file
    (search index, sitemaps, source maps, answer keys) is inside."""
    with zipfile.ZipFile(lms_dist / f"{name}.zip") as archive:
        archive.extractall(tmp_path)
        names = set(archive.namelist())
    start = _launch_data((tmp_path / package.LAUNCH_PAGE).read_text(encoding="utf-8"))["start"]
    reached = set(package.reachable(tmp_path, start.split("#")[0]))
    assert names - {"imsmanifest.xml", package.LAUNCH_PAGE, package.LAUNCH_SCRIPT} == reached
    unwanted = [n for n in names if re.search(r"(^|/)(search|sitemap\.xml|404\.html)|\.map$|answer-keys/", n)]
    assert unwanted == []


def test_reachable_follows_links_styles_and_lazy_scripts(tmp_path):
    """The crawler itself, on a made-up site: it must find a page by a link, a stylesheet's url(),
    a widget's module and a script loaded by name, and leave out what nothing reaches."""
    files = {
        "index.html": '<link href="assets/a.css" rel="stylesheet"><script src="assets/handbook.js"></script>'
                      '<a href="b/c.html#x">c</a><a href="https://example.invalid/">out</a>'
                      '<div data-hb-widget="quiz" data-hb-module="hb-quiz.js"></div>',
        "b/c.html": '<img src="../img/p.png" alt="">',
        "assets/a.css": "body { background: url('../img/bg.png') }",
        "assets/handbook.js": 'load("hb-print.js")',
        "assets/hb-quiz.js": "", "assets/hb-print.js": "", "assets/hb-unused.js": "",
        "img/p.png": "", "img/bg.png": "", "orphan.html": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert package.reachable(tmp_path, "index.html") == sorted(
        set(files) - {"assets/hb-unused.js", "orphan.html"})


def test_suspend_data_fits_in_every_package(lms_dist):
    """SCORM 1.2 keeps 4096 characters of suspend data: each package's progress, all done, fits."""
    for name in PACKAGES:
        with zipfile.ZipFile(lms_dist / f"{name}.zip") as archive:
            page = archive.read(package.LAUNCH_PAGE).decode("utf-8")
        steps = _launch_data(page)["steps"]
        assert package.worst_suspend_length(steps) <= package.SUSPEND_LIMIT, name


def test_a_track_too_long_for_suspend_data_is_refused_at_the_limit():
    """A made-up track at exactly 4096 characters is packaged; one character more is refused, in Chinese."""
    def steps(count: int, extra: int = 0) -> list[dict]:
        made = [{"kind": "checklist", "target": f"list-{i:03d}", "key": f"checklist.list-{i:03d}", "ids": ["a"] * 4}
                for i in range(count)]
        made[0]["target"] += "x" * extra
        return made
    count = next(n for n in range(1, 1000) if package.worst_suspend_length(steps(n + 1)) > package.SUSPEND_LIMIT)
    pad = package.SUSPEND_LIMIT - package.worst_suspend_length(steps(count))
    assert package.worst_suspend_length(steps(count, pad)) == package.SUSPEND_LIMIT
    package.check_suspend_fits(package.Package("t", "长路线", "track", "progress.html", steps(count, pad)))
    with pytest.raises(package.PackageError, match=r"4097 个字符，超过 SCORM 1\.2 的 4096"):
        package.check_suspend_fits(package.Package("t", "长路线", "track", "progress.html", steps(count, pad + 1)))


def _launch_data(page: str) -> dict:
    found = re.search(r'data-hb-json="([^"]*)"', page)
    assert found
    return json.loads(html.unescape(found.group(1)))


# ---------------------------------------------------------------- Moodle XML

def _bank(lms_dist: Path, name: str) -> ET.Element:
    return ET.fromstring((lms_dist / f"moodle-{name}.xml").read_bytes())


def _plain(text: str | None) -> str:
    return re.sub(r"<[^>]+>|\*\*|`", "", text or "")


@pytest.mark.parametrize("quiz_id", sorted(QUIZZES))
def test_moodle_bank_has_every_question_and_answer(lms_dist, quiz_id):
    quiz = QUIZZES[quiz_id]
    bank = _bank(lms_dist, quiz_id)
    category = bank.find("question[@type='category']/category/text")
    assert category is not None and category.text == f"$course$/top/{quiz['title']}"
    questions = bank.findall("question")[1:]
    assert len(questions) == len(quiz["questions"])
    expected_type = {"single": "multichoice", "multiple": "multichoice", "true_false": "truefalse",
                     "fill": "shortanswer", "order": "ordering"}
    for element, q in zip(questions, quiz["questions"], strict=True):
        assert element.get("type") == expected_type[q["type"]], q["id"]
        assert element.findtext("idnumber") == f"{quiz_id}/{q['id']}"
        feedback = element.findtext("generalfeedback/text") or ""
        assert _plain(feedback) == _plain(_inline(q["explanation"])) + moodle.REVIEW_LABEL, q["id"]
        review = resolve(q["review"])
        assert f'<a href="{html.escape(review)}">' in feedback and review.startswith(SITE_URL), q["id"]
        answers = element.findall("answer")
        if q["type"] in ("single", "multiple"):
            assert element.findtext("single") == ("true" if q["type"] == "single" else "false")
            right = [_plain(a.findtext("text")) for a in answers if float(a.get("fraction")) > 0]
            assert right == [_plain(_inline(o["text"])) for o in q["options"] if o.get("correct")], q["id"]
            total = sum(float(a.get("fraction")) for a in answers if float(a.get("fraction")) > 0)
            assert abs(total - 100) < 0.01
            for option, answer in zip(q["options"], answers, strict=True):
                assert _plain(answer.findtext("feedback/text")) == _plain(_inline(option.get("explanation") or ""))
        elif q["type"] == "true_false":
            right = [a.findtext("text") for a in answers if a.get("fraction") == "100"]
            assert right == [str(q["answer"]).lower()]
        elif q["type"] == "fill":
            texts = [a.findtext("text") for a in answers]
            assert all(str(a).strip() in texts for a in q["answers"])
            assert all(a.get("fraction") == "100" for a in answers)
        else:
            assert [_plain(a.findtext("text")) for a in answers] == [_plain(_inline(i)) for i in q["items"]]


def resolve(link: str) -> str:
    """What the published handbook's address of a docs-relative link is, worked out here by hand."""
    path, _, anchor = link.partition("#")
    page = "" if path == "index.md" else path.removesuffix("index.md").removesuffix(".md") + ("/" if not path.endswith("index.md") else "")
    return SITE_URL + page + (f"#{anchor}" if anchor else "")


def test_moodle_links_are_absolute(lms_dist):
    text = (lms_dist / "moodle-all.xml").read_text(encoding="utf-8")
    hrefs = re.findall(r'href=&quot;([^&]*)&quot;|href="([^"]*)"', text)
    targets = [a or b for a, b in hrefs]
    assert targets, "the quizzes link to the handbook somewhere"
    assert all(re.match(r"https?://", t) for t in targets), [t for t in targets if not re.match(r"https?://", t)][:5]


def test_moodle_all_has_one_category_per_quiz(lms_dist):
    bank = _bank(lms_dist, "all")
    categories = [c.text for c in bank.findall("question[@type='category']/category/text")]
    assert categories == [f"$course$/top/{QUIZZES[q]['title']}" for q in sorted(QUIZZES)]
    assert len(bank.findall("question")) == len(QUIZZES) + sum(len(q["questions"]) for q in QUIZZES.values())


def _inline(text: str) -> str:
    return inline_html(text)
