"""MkDocs hook: one printable page per checklist and one answer key per quiz, at stable URLs.

The pages are generated from the data files, so trainers never have to create them:
- print/<checklist-id>/            only the checklist, for new hires to print
- trainers/answer-keys/<quiz-id>/  the quiz with its answers, for trainers (left out of search)
Their content is a single macro call, so they render through the same code as every page.
"""

from __future__ import annotations

import os

from mkdocs.structure.files import File

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


def _ids_and_titles(folder: str):
    import yaml

    if not os.path.isdir(folder):
        return
    for name in sorted(os.listdir(folder)):
        if name.endswith(".yml"):
            title = name[:-4]
            try:
                with open(os.path.join(folder, name), encoding="utf-8-sig") as handle:
                    title = (yaml.safe_load(handle) or {}).get("title", title)
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
    return files
