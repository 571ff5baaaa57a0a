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
from .exceptions import Invalid, Issue, Msg, ScenarioError, clip, os_reason

__all__ = ["MAX_EXPANDED_NODES", "load_yaml"]

_MAX_BYTES = 1024 * 1024
#: Largest number of YAML nodes a file may stand for once its aliases are expanded (a
#: "billion laughs" file stands for billions; a 60-day tour written with anchors, a few
#: thousand).
MAX_EXPANDED_NODES = 200_000


def _refuse(msg: Msg, mark: Any) -> yaml.constructor.ConstructorError:
    """A PyYAML error (so the parser reports its line) that carries our message key."""
    err = yaml.constructor.ConstructorError(None, None, str(msg), mark)
    err.msg = msg  # type: ignore[attr-defined]
    return err


#: PyYAML's most frequent problems, by their English text (other texts are shown as they are).
_PYYAML_PROBLEMS = {
    "mapping values are not allowed here": "err.yaml.p.mapping_values",
    "could not find expected ':'": "err.yaml.p.no_colon",
    "found character '\\t' that cannot start any token": "err.yaml.p.tab",
    "found undefined alias": "err.yaml.p.alias",
    "found unexpected end of stream": "err.yaml.p.end",
    "found unexpected ':'": "err.yaml.p.colon",
}


def _problem(err: yaml.YAMLError) -> str | Msg:
    """What is wrong in a PyYAML error, in the label catalog where we know its text."""
    msg = getattr(err, "msg", None)
    if isinstance(msg, Msg):
        return msg
    problem = str(getattr(err, "problem", None) or err)
    key = _PYYAML_PROBLEMS.get(problem)
    if key is None and problem.startswith("expected ") and ", but " in problem:
        return Msg("err.yaml.p.expected", {"detail": problem})
    return Msg(key) if key else problem


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
            raise _refuse(Msg("err.yaml.key_plain"), key_node.start_mark) from None
        if duplicate:
            raise _refuse(Msg("err.yaml.duplicate", {"key": clip(key, 80)}), key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        raise _refuse(
            Msg("err.yaml.date", {"value": clip(node.value, 40)}), node.start_mark
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
            raise Invalid("err.yaml.alias_loop")
        open_.add(key)
        if isinstance(n, yaml.SequenceNode):
            total = 1 + sum(size(c) for c in n.value)
        elif isinstance(n, yaml.MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in n.value)
        else:
            total = 1
        open_.discard(key)
        if total > limit:
            raise Invalid("err.yaml.expands", limit=f"{limit:,}".replace(",", " "))
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

    def fail(line: int | None, key: str, **params: Any) -> ScenarioError:
        return ScenarioError([Issue(name, line, None, Msg(key, params))])

    try:
        raw = read_limited(p, _MAX_BYTES)
    except TooLargeError as err:
        raise fail(None, "err.yaml.too_large") from err
    except OSError as err:
        raise fail(None, "err.yaml.cannot_read", why=os_reason(err)) from err
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise fail(None, "err.yaml.not_utf8") from err
    if not text.strip():
        raise fail(None, "err.yaml.empty")
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
        raise fail(line, "err.yaml.invalid", detail=_problem(err)) from err
    except RecursionError as err:
        raise fail(None, "err.yaml.nested") from err
    except ValueError as err:
        detail = err.msg if isinstance(err, Invalid) else str(err)
        raise fail(None, "err.yaml.invalid", detail=detail) from err
    finally:
        if loader is not None:
            loader.dispose()
