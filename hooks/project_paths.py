"""MkDocs hook: plugin paths in mkdocs.yml are relative to that file, not the working directory.

MkDocs resolves its own paths (docs_dir, hooks, theme.custom_dir, watch) from the config file, but
the macros plugin's `include_dir` and the search plugin's `jieba_dict_user` are opened as given,
and both only accept plain strings (not `!relative`). Resolving them first lets
`mkdocs build -f path/to/mkdocs.yml` work from any folder.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# (plugin name in config.plugins, option) pairs holding a path relative to mkdocs.yml
PATH_OPTIONS = (("macros", "include_dir"), ("material/search", "jieba_dict_user"))


@event_priority(100)  # before every plugin's on_config: macros opens include_dir in its own
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    for plugin_name, option in PATH_OPTIONS:
        plugin = config.plugins.get(plugin_name)
        if plugin is None:
            continue
        value = plugin.config.get(option)
        if value and not os.path.isabs(value):
            plugin.config[option] = os.path.join(root, value)
    return config
