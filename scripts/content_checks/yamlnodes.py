"""YAML with its lines: PyYAML's nodes keep where each key and value is written."""

from __future__ import annotations

import yaml

# libyaml's loader when PyYAML has it (it keeps line marks too): the pure-Python one is slow.
BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, loader_class=BaseLoader):
    """(node, data): the document's nodes (with their line marks) and its value."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def error_line(error: yaml.YAMLError) -> int:
    return getattr(getattr(error, "problem_mark", None), "line", 0) + 1


class TolerantLoader(BaseLoader):
    """SafeLoader that reads any tag (e.g. !ENV […]) as its plain value instead of failing."""


class PythonName(str):
    """A `!!python/name:module.attribute` value (e.g. toc's slugify in markdown_extensions)."""


def _construct_unknown(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        if suffix.startswith("name:"):
            return PythonName(suffix[len("name:"):])
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


TolerantLoader.add_multi_constructor("", _construct_unknown)
TolerantLoader.add_multi_constructor("!", _construct_unknown)
TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_unknown)


def map_get(node, key):
    """The value node of `key` in a mapping node, or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def key_of(node, key):
    """The key node of `key` in a mapping node (its line is the key's), or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((k for k, _ in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def scalar(node):
    return node.value if isinstance(node, yaml.ScalarNode) else None


def line_of(node) -> int:
    return node.start_mark.line + 1


def plugin_node(root, name):
    """The configuration node of plugin `name` in mkdocs.yml's plugins (a list or a mapping)."""
    plugins = map_get(root, "plugins")
    if isinstance(plugins, yaml.SequenceNode):
        return next((found for item in plugins.value if (found := map_get(item, name)) is not None), None)
    return map_get(plugins, name)
