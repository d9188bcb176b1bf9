"""Nothing a reader does is lost, and nothing meant for trainers reaches readers (issue #29,
items 6, 8, 9): a track's packet prints whole from one button; without JavaScript every widget
that needs it says what will not work; an empty company value reads as an instruction.

In JOURNEYS (conftest.py): each test with `page` runs on a full load and on arrival by an
instant-navigation click.
"""

from __future__ import annotations

from macros.company import UNSET_TEXT


def test_escalation_page_tells_readers_whom_to_ask(page):
    page.goto("call-center/escalation/")
    text = page.locator("article").inner_text()
    assert text.count(UNSET_TEXT) >= 9, "each limit the company has not set says whom to ask"
    for trainer_text in ("待公司填写", "mkdocs.yml", "extra.company", "本页的来历"):
        assert trainer_text not in text
    assert page.console_errors == []
