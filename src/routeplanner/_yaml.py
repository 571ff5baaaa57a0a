"""Reading YAML files safely: no object tags, no duplicated keys, bounded size and expansion.

One reader for every YAML input (scenarios, variants files, tours, the catalog's scoring, the
network's profiles): a file is read up to 1 MiB, keys must be plain values and unique, dates
must be real calendar days, and a file whose aliases expand to more than
:data:`MAX_EXPANDED_NODES` values (a "billion laughs") is refused. Every problem is a
:class:`~routeplanner.exceptions.ScenarioError` naming the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ._io import TooLargeError, read_limited
from .exceptions import Issue, ScenarioError, clip

__all__ = ["MAX_EXPANDED_NODES", "load_yaml"]

_MAX_BYTES = 1024 * 1024
#: Largest number of YAML nodes a file may stand for once its aliases are expanded (a
#: "billion laughs" file stands for billions; a 60-day tour written with anchors, a few
#: thousand).
MAX_EXPANDED_NODES = 200_000


class _UniqueKeyLoader(yaml.SafeLoader):
    """Safe loader that refuses duplicated keys (a silent override hides mistakes), keys that
    are not plain values, and dates that are not calendar days."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
        try:
            duplicate = key in seen
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "a key must be a plain value (text or a number), not a list or a mapping",
                key_node.start_mark,
            ) from None
        if duplicate:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicated key '{clip(key, 80)}'", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"'{clip(node.value, 40)}': a date must be YYYY-MM-DD, a real calendar day",
            node.start_mark,
        ) from None


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _expanded_size(node: yaml.Node, limit: int) -> int:
    """How many nodes ``node`` stands for with every alias expanded; stops past ``limit``.

    Raises
    ------
    ValueError
        Past the limit, or an alias that contains itself.
    """
    memo: dict[int, int] = {}
    open_: set[int] = set()

    def size(n: yaml.Node) -> int:
        key = id(n)
        if key in memo:
            return memo[key]
        if key in open_:
            raise ValueError("an alias (*) refers to a node that contains it")
        open_.add(key)
        if isinstance(n, yaml.SequenceNode):
            total = 1 + sum(size(c) for c in n.value)
        elif isinstance(n, yaml.MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in n.value)
        else:
            total = 1
        open_.discard(key)
        if total > limit:
            raise ValueError(
                f"the file stands for more than {limit:,} values once its aliases (*) are "
                "expanded: refused"
            )
        memo[key] = total
        return total

    return size(node)


def load_yaml(path: Path | str) -> Any:
    """Read a YAML file safely (no object tags, no duplicated keys, size-limited).

    The file is read up to 1 MiB (a longer one is refused without reading on), and a file
    whose aliases expand to more than :data:`MAX_EXPANDED_NODES` values is refused.

    Raises
    ------
    ScenarioError
        The file cannot be read or is not valid YAML; names the file and line.
    """
    p = Path(path)
    name = str(p)

    def fail(line: int | None, message: str) -> ScenarioError:
        return ScenarioError([Issue(name, line, None, message)])

    try:
        raw = read_limited(p, _MAX_BYTES)
    except TooLargeError as err:
        raise fail(None, "file is larger than 1 MiB") from err
    except OSError as err:
        raise fail(None, f"cannot read: {err.strerror or err}") from err
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise fail(None, "not UTF-8 text; save it as UTF-8") from err
    if not text.strip():
        raise fail(None, "the file is empty")
    loader = None
    try:
        loader = _UniqueKeyLoader(text)
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node, MAX_EXPANDED_NODES)
        return loader.construct_document(node)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err)
        raise fail(line, f"invalid YAML: {problem}") from err
    except RecursionError as err:
        raise fail(None, "invalid YAML: nested too deeply") from err
    except ValueError as err:
        raise fail(None, f"invalid YAML: {err}") from err
    finally:
        if loader is not None:
            loader.dispose()
