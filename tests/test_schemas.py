"""The editor schemas in schemas/ are current, referenced by every data file, and accept the data.

The schemas are generated from macros/models.py (`make schemas`); VS Code's YAML extension
uses them through the `# yaml-language-server: $schema=…` line that starts every data file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator, Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent  # not from conftest: tests/browser has its own conftest

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import schemas  # noqa: E402

# data folder -> schema file; the $schema path is relative to the data file.
KINDS = {"checklists": "checklist.schema.json", "agendas": "agenda.schema.json", "quizzes": "quiz.schema.json",
         "quotes": "quote.schema.json", "loadings": "loading.schema.json",
         "calendars": "calendar.schema.json"}
TRACKS = ("tracks.yml", "tracks.schema.json")
# The YAML extension implements draft-07; pydantic writes draft 2020-12. Both must agree.
VALIDATORS = [Draft7Validator, Draft202012Validator]


def data_files() -> list[tuple[str, str, str]]:
    """(path relative to the root, schema file, expected first line) for every data file."""
    files = []
    for folder, schema in KINDS.items():
        for path in sorted((ROOT / "data" / folder).glob("*.y*ml")):
            files.append((path.relative_to(ROOT).as_posix(), schema,
                          f"# yaml-language-server: $schema=../../schemas/{schema}"))
    tracks = ROOT / "data" / TRACKS[0]
    if tracks.exists():
        files.append((tracks.relative_to(ROOT).as_posix(), TRACKS[1],
                      f"# yaml-language-server: $schema=../schemas/{TRACKS[1]}"))
    return files


def load_schema(name: str) -> dict:
    return json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))


def as_json(value):
    """What the editor sees: YAML dates (holidays) are plain strings there."""
    if isinstance(value, dict):
        return {key: as_json(child) for key, child in value.items()}
    if isinstance(value, list):
        return [as_json(child) for child in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def errors(validator_class, schema: dict, instance) -> list[str]:
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
            for error in validator.iter_errors(instance)]


def test_data_files_found():
    assert len(data_files()) >= 3, "no data files found under data/"


# ---------------------------------------------------------------- (a) schemas are current
def test_committed_schemas_are_current():
    generated = schemas.generate()
    committed = sorted(path.name for path in (ROOT / "schemas").glob("*.json"))
    assert committed == sorted(generated), (
        f"schemas/ holds {committed}, the models give {sorted(generated)}; run `make schemas`")
    stale = [name for name, schema in generated.items()
             if (ROOT / "schemas" / name).read_text(encoding="utf-8") != schemas.dumps(schema)]
    assert not stale, (f"out of date with macros/models.py: {', '.join(stale)}; "
                       "run `make schemas` and commit the changed files in schemas/")


@pytest.mark.parametrize("name", sorted(schemas.SCHEMAS))
@pytest.mark.parametrize("validator_class", VALIDATORS, ids=lambda cls: cls.__name__)
def test_schema_is_valid_json_schema(name, validator_class):
    validator_class.check_schema(load_schema(name))


# ---------------------------------------------------------------- (b) every file names its schema
@pytest.mark.parametrize("path,schema,expected", data_files(), ids=[f[0] for f in data_files()])
def test_first_line_names_the_schema(path, schema, expected):
    first_line = (ROOT / path).read_text(encoding="utf-8").split("\n", 1)[0]
    assert first_line == expected, f"{path}: the first line must be exactly\n{expected}"
    assert (ROOT / path).parent.joinpath(expected.split("=", 1)[1]).resolve() == (ROOT / "schemas" / schema)


# ---------------------------------------------------------------- (c) the data passes its schema
@pytest.mark.parametrize("path,schema,expected", data_files(), ids=[f[0] for f in data_files()])
@pytest.mark.parametrize("validator_class", VALIDATORS, ids=lambda cls: cls.__name__)
def test_data_file_matches_schema(path, schema, expected, validator_class):
    data = as_json(yaml.safe_load((ROOT / path).read_text(encoding="utf-8")))
    found = errors(validator_class, load_schema(schema), data)
    assert not found, f"{path} does not match schemas/{schema}:\n" + "\n".join(found)


def test_examples_in_trainers_guide_match_their_schema():
    """The copy-paste examples in docs/trainers/editing.md are what trainers start from."""
    text = (ROOT / "docs" / "trainers" / "editing.md").read_text(encoding="utf-8")
    examples = re.findall(r"```yaml\n(# yaml-language-server: \$schema=\S*?([a-z]+\.schema\.json)\n.*?)```", text, re.S)
    assert len(examples) >= 4
    for example, schema in examples:
        data = as_json(yaml.safe_load(example))
        found = errors(Draft7Validator, load_schema(schema), data)
        assert not found, f"example for {schema} in editing.md:\n" + "\n".join(found)


# ---------------------------------------------------------------- (d) the schema catches mistakes
def first_week() -> dict:
    return as_json(yaml.safe_load((ROOT / "data" / "checklists" / "first-week.yml").read_text(encoding="utf-8")))


@pytest.mark.parametrize("validator_class", VALIDATORS, ids=lambda cls: cls.__name__)
def test_misspelt_key_fails_schema(validator_class):
    checklist = first_week()
    checklist["titel"] = checklist.pop("title")
    found = errors(validator_class, load_schema("checklist.schema.json"), checklist)
    assert any("titel" in message for message in found), found
    assert any("'title' is a required property" in message for message in found), found


@pytest.mark.parametrize("change,where", [
    (lambda c: c["groups"][0]["items"][0].update(id="Collect Handbook"), "groups/0/items/0/id"),
    (lambda c: c["groups"][0]["items"][0].update(score="yes"), "groups/0/items/0/score"),
    (lambda c: c.update(groups=[]), "groups"),
])
def test_other_checklist_mistakes_fail_schema(change, where):
    checklist = first_week()
    change(checklist)
    found = errors(Draft7Validator, load_schema("checklist.schema.json"), checklist)
    assert any(message.startswith(where + ":") for message in found), found


def test_schema_carries_chinese_descriptions():
    item = load_schema("checklist.schema.json")["$defs"]["ChecklistItem"]["properties"]["id"]
    assert "发布后不要再改" in item["description"]
