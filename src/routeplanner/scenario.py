"""Reading trip requests (scenario YAML files) safely, with clear errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .exceptions import Issue, ScenarioError
from .model import TripRequest

__all__ = ["load_scenario", "request_from_dict"]

_MAX_BYTES = 1024 * 1024


class _UniqueKeyLoader(yaml.SafeLoader):
    """Safe loader that refuses duplicated keys (a silent override hides mistakes) and caps
    aliases (a "billion laughs" file expands a few lines into billions of nodes)."""

    max_aliases = 50

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.events.AliasEvent):
            self._aliases = getattr(self, "_aliases", 0) + 1
            if self._aliases > self.max_aliases:
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    f"more than {self.max_aliases} aliases (&/*): refused",
                    self.peek_event().start_mark,
                )
        return super().compose_node(parent, index)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicated key '{key}'", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path | str) -> Any:
    """Read a YAML file safely (no object tags, no duplicated keys, size-limited).

    Raises
    ------
    ScenarioError
        The file cannot be read or is not valid YAML; names the file and line.
    """
    p = Path(path)
    name = str(p)
    try:
        raw = p.read_bytes()
    except OSError as err:
        raise ScenarioError(
            [Issue(name, None, None, f"cannot read: {err.strerror or err}")]
        ) from err
    if len(raw) > _MAX_BYTES:
        raise ScenarioError([Issue(name, None, None, "file is larger than 1 MiB")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ScenarioError([Issue(name, None, None, "not UTF-8 text; save it as UTF-8")]) from err
    if not text.strip():
        raise ScenarioError([Issue(name, None, None, "the file is empty")])
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err)
        raise ScenarioError([Issue(name, line, None, f"invalid YAML: {problem}")]) from err


def request_from_dict(data: Any, *, source: str = "scenario") -> TripRequest:
    """Validate a mapping as a :class:`TripRequest`.

    Raises
    ------
    ScenarioError
        Every invalid key, named by its path (e.g. ``lunch.duration_min``).
    """
    if not isinstance(data, dict):
        raise ScenarioError([Issue(source, None, None, "the scenario must be a mapping of keys")])
    body = data.get("trip", data) if isinstance(data.get("trip"), dict) else data
    try:
        return TripRequest.model_validate(body)
    except ValidationError as err:
        issues = []
        for e in err.errors():
            loc = ".".join(str(x) for x in e["loc"]) or None
            msg = e["msg"].removeprefix("Value error, ")
            if e["type"] == "extra_forbidden":
                msg = "unknown key (check the spelling; see the README for the keys)"
            issues.append(Issue(source, None, loc, msg))
        raise ScenarioError(
            issues, title=f"{source}: {len(issues)} problem(s) in the scenario:"
        ) from err


def load_scenario(path: Path | str) -> TripRequest:
    """Read a scenario YAML file into a :class:`TripRequest`.

    Parameters
    ----------
    path : path
        The YAML file: the request's keys at the top level (or under ``trip:``).

    Raises
    ------
    ScenarioError
        The file or a key is invalid; the message names the file and the key.
    """
    return request_from_dict(load_yaml(path), source=str(path))
