"""The top of a track's packet page (macros/templates/packet.html): one button, hidden until
hb-packet.js runs, naming how many checklists it prints; a <noscript> note for paper by hand."""

from __future__ import annotations

from bs4 import BeautifulSoup

from macros.render import render_packet_actions


def test_the_button_names_the_count_and_waits_for_its_script():
    root = BeautifulSoup(render_packet_actions("intl-sales", 5), "html.parser").find(attrs={"data-hb-widget": "packet"})
    assert root["data-hb-module"] == "hb-packet.js" and root["data-hb-id"] == "intl-sales"
    button = root.find("button", attrs={"data-hb-action": "print-packet"})
    assert button.get_text() == "打印全部 5 份清单"
    assert button.find_parent("p").has_attr("hidden"), "shown by hb-packet.js: without it the button would do nothing"
    note = root.find("noscript")
    assert note and "Ctrl+P" in note.get_text() and "5 份清单" in note.get_text()
