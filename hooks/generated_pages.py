"""MkDocs hook: one printable page per checklist and one answer key per quiz, at stable URLs.

The pages are generated from the data files, so trainers never have to create them:
- print/<checklist-id>/            only the checklist, for new hires to print
- print/packet-<track-id>/         every checklist of a role track, each on a new sheet
- trainers/answer-keys/<quiz-id>/  the quiz with its answers, for trainers (left out of search)
Their content is a single macro call, so they render through the same code as every page.
"""

from __future__ import annotations

import os

import yaml
from mkdocs.structure.files import File

# libyaml's loader where available: the hook reads every data file on each build.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PRINT_PAGE = """---
title: "{title}（打印版）"
description: "可打印的清单：{title}。"
search:
  exclude: true
hide: [navigation, toc]
---

# {title}

{{{{ checklist("{item_id}") }}}}
"""

ANSWER_KEY_PAGE = """---
title: "{title}：答案"
description: "供培训师使用的答案与解析：{title}。"
search:
  exclude: true
hide: [navigation, toc]
---

# {title}：答案与解析

{{{{ answer_key("{item_id}") }}}}
"""


PACKET_PAGE = """---
title: "{title}路线：入职清单合集（打印版）"
description: "{title}路线的全部清单，按顺序排列，每份清单从新的一页开始。"
search:
  exclude: true
hide: [navigation, toc]
---

# {title}路线：入职清单合集

{checklists}
"""


def _ids_and_titles(folder: str):
    if not os.path.isdir(folder):
        return
    for name in sorted(os.listdir(folder)):
        if name.endswith(".yml"):
            title = name[:-4]
            try:
                with open(os.path.join(folder, name), encoding="utf-8-sig") as handle:
                    title = (yaml.load(handle, Loader=SAFE_LOADER) or {}).get("title", title)
            except Exception:  # noqa: BLE001 - the macros' validation reports broken files
                pass
            yield name[:-4], str(title).replace('"', "'")


def on_files(files, config):
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    for item_id, title in _ids_and_titles(os.path.join(root, "data", "checklists")):
        content = PRINT_PAGE.format(title=title, item_id=item_id)
        files.append(File.generated(config, f"print/{item_id}.md", content=content))
    for item_id, title in _ids_and_titles(os.path.join(root, "data", "quizzes")):
        content = ANSWER_KEY_PAGE.format(title=title, item_id=item_id)
        files.append(File.generated(config, f"trainers/answer-keys/{item_id}.md", content=content))
    for track in _tracks(os.path.join(root, "data", "tracks.yml")):
        checklists = [step["checklist"] for step in track.get("steps", []) if isinstance(step, dict) and "checklist" in step]
        body = "\n\n".join(f'{{{{ checklist("{item_id}") }}}}' for item_id in dict.fromkeys(checklists))
        content = PACKET_PAGE.format(title=str(track.get("title", "")).replace('"', "'"), checklists=body)
        files.append(File.generated(config, f"print/packet-{track['id']}.md", content=content))
    return files


def _tracks(path: str) -> list[dict]:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            tracks = (yaml.load(handle, Loader=SAFE_LOADER) or {}).get("tracks", [])
    except Exception:  # noqa: BLE001 - the macros' validation reports broken files
        return []
    return [track for track in tracks if isinstance(track, dict) and isinstance(track.get("id"), str)]
