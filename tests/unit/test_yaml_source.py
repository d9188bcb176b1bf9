"""macros.yaml_source.read_yaml: what the corpus cannot show one case at a time."""

from __future__ import annotations

import time

import pytest
import yaml

from macros import yaml_source
from macros.yaml_source import MAX_BYTES, read_yaml

from . import support  # noqa: F401  (puts the project root on sys.path)

GOOD = "title: 练习\naudience: 新员工\ngroups:\n  - title: 第一天\n    items:\n      - id: a\n        text: 文本\n"


def write(tmp_path, data: bytes | str, name: str = "practice.yml"):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def test_places_of_values_and_keys(tmp_path):
    document, problems = read_yaml(write(tmp_path, GOOD), "data/checklists/practice.yml")
    assert problems == []
    assert document.data["groups"][0]["items"][0]["text"] == "文本"
    assert document.place(("groups", 0, "items", 0, "text")) == (7, 9)  # the key, where a trainer looks
    assert document.place(("groups", 0, "items", 0, "missing")) == (6, 9)  # the deepest part that exists
    assert document.place(("groups", 0)) == (4, 5)  # the first key of the list item
    assert document.place(()) == (1, 1)


@pytest.mark.parametrize("variant", [
    lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    lambda text: text.replace("\n", "\r").encode("utf-8"),
    lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
], ids=["bom", "crlf", "cr", "bom-crlf"])
def test_windows_variants_read_like_the_original(tmp_path, variant):
    original, _ = read_yaml(write(tmp_path, GOOD, "a.yml"), "a.yml")
    document, problems = read_yaml(write(tmp_path, variant(GOOD), "b.yml"), "b.yml")
    assert problems == []
    assert document.data == original.data and document.places == original.places


def test_size_limit(tmp_path):
    head = GOOD.encode("utf-8")
    exactly = head + b"#" + b"x" * (MAX_BYTES - len(head) - 2) + b"\n"
    assert len(exactly) == MAX_BYTES
    _, problems = read_yaml(write(tmp_path, exactly, "limit.yml"), "limit.yml")
    assert problems == []
    _, problems = read_yaml(write(tmp_path, exactly + b"\n", "over.yml"), "over.yml")
    assert [problem.message for problem in problems] == ["文件太大（超过 1 MB），数据文件通常只有几 KB"]


def test_reference_bomb_is_refused_quickly(tmp_path):
    """Eight lines of nested `*` references would make 9^8 values; refused before any is built."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    started = time.process_time()
    document, problems = read_yaml(write(tmp_path, "\n".join(lines) + "\n"), "bomb.yml")
    assert time.process_time() - started < 1
    assert document is None
    assert (problems[0].line, problems[0].column) == (2, 10) and "*a0" in problems[0].message


def test_recursive_reference_is_refused(tmp_path):
    _, problems = read_yaml(write(tmp_path, "a: &a [1, *a]\n"), "loop.yml")
    assert "*a" in problems[0].message


@pytest.mark.parametrize(("text", "line", "fragment"), [
    ("title: x\n? [a, b]\n: c\n", 2, "无法读取"),  # a list used as a key
    ("title: x\n---\ntitle: y\n", 2, "YAML"),  # two documents in one file
    ("title: !!python/object/apply:os.system [ls]\n", 1, "加上双引号"),
    ("holidays: [2027-02-29]\n", 1, "日期「2027-02-29」不存在"),
])
def test_other_unreadable_files(tmp_path, text, line, fragment):
    document, problems = read_yaml(write(tmp_path, text), "odd.yml")
    assert document is None
    assert problems[0].line == line and fragment in str(problems[0])


@pytest.mark.skipif(yaml_source._FAST_LOADER is None, reason="libyaml is not installed")
def test_hints_do_not_depend_on_libyaml(tmp_path, monkeypatch):
    """libyaml composes good files (with the same places as PyYAML); a file it rejects is composed
    again by PyYAML, whose wording the hints use."""
    loaders = []
    real_compose = yaml.compose

    def spy(text, Loader):
        loaders.append(Loader)
        return real_compose(text, Loader=Loader)

    monkeypatch.setattr(yaml, "compose", spy)
    broken = GOOD.replace("        text: 文本", "\ttext: 文本")
    fast = read_yaml(write(tmp_path, broken), "a.yml")[1]
    assert loaders == [yaml_source._FAST_LOADER, yaml_source._LineLoader], "libyaml was tried, then PyYAML"
    loaders.clear()
    good_fast = read_yaml(write(tmp_path, GOOD, "g.yml"), "g.yml")[0]
    assert loaders == [yaml_source._FAST_LOADER], "a good file is composed by libyaml alone"
    monkeypatch.setattr(yaml_source, "_FAST_LOADER", None)
    slow = read_yaml(write(tmp_path, broken), "a.yml")[1]
    assert fast == slow and "Tab" in fast[0].message
    good_slow = read_yaml(write(tmp_path, GOOD, "g.yml"), "g.yml")[0]
    assert good_slow.places == good_fast.places and good_slow.data == good_fast.data


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(("line", "lost"), [
    ("        text: 带上身份证 #重要", "#重要"),
    ("        text: 见第 3 条  #3", "#3"),
    ("        text: 多行文字的第一行\n          第二行 #备注", "#备注"),
])
def test_hash_after_a_space_is_reported_not_lost(tmp_path, monkeypatch, fast, line, lost):
    if not fast:
        monkeypatch.setattr(yaml_source, "_FAST_LOADER", None)
    text = GOOD.replace("        text: 文本", line)
    _, problems = read_yaml(write(tmp_path, text), "data/checklists/practice.yml")
    assert len(problems) == 1, problems
    problem = problems[0]
    last_line = text.split("\n")[problem.line - 1]
    assert last_line[problem.column - 1:].startswith(lost), (problem, last_line)
    assert lost in problem.message and "引号" in problem.hint


@pytest.mark.parametrize("line", [
    "        text: 文本  # 写给编辑的注释",
    '        text: "带上身份证 #重要"',
    "        text: 到 3#会议室报到",
    "        text: 文本 # ",
])
def test_comments_and_quoted_hashes_are_fine(tmp_path, line):
    _, problems = read_yaml(write(tmp_path, GOOD.replace("        text: 文本", line)), "data/checklists/practice.yml")
    assert problems == []
