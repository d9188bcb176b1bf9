"""The corpus of trainers' mistakes (tests/unit/bad_input/*/case.yml): reading the cases and
planting them into a copy of the handbook. tests/unit/test_loader_errors.py runs every case
through `make check`; tests/integration/test_bad_input_builds.py through a few real builds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

UNIT = Path(__file__).resolve().parent / "unit"
CORPUS = UNIT / "bad_input"
PLANT_KEYS = {
    "write": {"text", "file", "encoding", "newline"},
    "append": {"text", "encoding", "newline"},
    "replace": {"old", "new"},
    "resave": {"encoding", "newline"},
    "generate": {"text", "size_mb"},
}
EXPECT_KEYS = {"path", "line", "line_of", "hint", "within_seconds", "only"}
CASE_KEYS = {"mistake", "plant", "expect", "accepted", "loads", "shows"}
PROBLEM_LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+?)(?:。怎么改：(?P<hint>.+))?$")


@dataclass
class Case:
    name: str
    folder: Path
    spec: dict

    @property
    def accepted(self) -> bool:
        return bool(self.spec.get("accepted"))

    @property
    def expect(self) -> dict:
        return self.spec.get("expect") or {}

    @property
    def hints(self) -> list[str]:
        hint = self.expect.get("hint", [])
        return [hint] if isinstance(hint, str) else list(hint)

    @property
    def planted_paths(self) -> list[str]:
        return [next(value for key, value in step.items() if key in PLANT_KEYS) for step in self.spec["plant"]]


@dataclass
class Planted:
    project: Path
    hashes: dict[str, str]
    line: int | None = None  # the expected line, resolved against the planted files
    results: dict = field(default_factory=dict)


def load_cases() -> list[Case]:
    """Every case folder; a case.yml that cannot be read becomes a case that fails its manifest test."""
    cases = []
    for folder in sorted(path for path in CORPUS.iterdir() if (path / "case.yml").is_file()):
        try:
            with open(folder / "case.yml", encoding="utf-8") as handle:
                spec = yaml.safe_load(handle)
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            spec = {"unreadable": str(error)}
        cases.append(Case(folder.name, folder, spec if isinstance(spec, dict) else {"unreadable": repr(spec)}))
    return cases


CASES = load_cases()
READABLE = [case for case in CASES if "unreadable" not in case.spec]
FAILING = [case for case in READABLE if not case.accepted]
ACCEPTED = [case for case in READABLE if case.accepted]


# ---------------------------------------------------------------- planting


def encode(text: str, step: dict) -> bytes:
    if step.get("newline", "lf") == "crlf":
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text.encode(step.get("encoding", "utf-8"))


def plant(case: Case, project: Path) -> None:
    for step in case.spec["plant"]:
        action = next(key for key in step if key in PLANT_KEYS)
        target = project / step[action]
        if action == "write":
            target.parent.mkdir(parents=True, exist_ok=True)
            data = (case.folder / step["file"]).read_bytes() if "file" in step else encode(step["text"], step)
            target.write_bytes(data)
        elif action == "append":
            existing = target.read_bytes()
            if existing and not existing.endswith(b"\n"):
                existing += b"\n"
            target.write_bytes(existing + encode(step["text"], step))
        elif action == "replace":
            text = target.read_text(encoding="utf-8")
            assert text.count(step["old"]) == 1, f"{case.name}: `old` must occur exactly once in {step[action]}"
            target.write_text(text.replace(step["old"], step["new"]), encoding="utf-8")
        elif action == "resave":
            text = target.read_bytes().decode("utf-8-sig")
            target.write_bytes(encode(text, step))
        elif action == "generate":
            chunk = step["text"].encode("utf-8")
            size = int(step["size_mb"] * 1_000_000)
            target.write_bytes(chunk * (size // len(chunk) + 1))


def expected_line(case: Case, project: Path) -> int | None:
    if "line" in case.expect:
        return int(case.expect["line"])
    if "line_of" in case.expect:
        wanted = case.expect["line_of"].strip()
        lines = (project / case.expect["path"]).read_text(encoding="utf-8-sig", errors="replace").splitlines()
        found = [number for number, line in enumerate(lines, start=1) if line.strip() == wanted]
        assert found, f"{case.name}: no line `{wanted}` in {case.expect['path']}"
        return found[0]
    return None


def matching_problems(case: Case, line: int | None, output: str) -> list[str]:
    prefix = f"{case.expect['path']}:{line}:" if line is not None else f"{case.expect['path']}:"
    return [row for row in output.splitlines()
            if row.startswith(prefix) and all(hint in row for hint in case.hints)]
