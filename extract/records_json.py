"""The contract's JSON back into records: the inverse of `Extraction.to_json()`.

A worker stores what it extracted as JSON (in the job row, and on each version); the review
page and the copy comparison read it back as the same frozen dataclasses. The walk follows the
dataclasses' type hints, so a field added to the contract is read without a change here; an
optional field left out of the JSON takes its default.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from typing import Any

from extract.records import Extraction


def extraction_from_json(data: dict[str, Any], text: str = "") -> Extraction:
    """The `Extraction` whose `to_json()` is `data` (`text` is not part of the JSON)."""
    extraction = _value(Extraction, data)
    return dataclasses.replace(extraction, text=text)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _value(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        (item, *_rest) = typing.get_args(hint)
        return tuple(_value(item, v) for v in value)
    if origin is dict or origin is typing.Literal:
        return value
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = _hints(hint)
        known = {f.name for f in dataclasses.fields(hint) if f.init}
        return hint(**{name: _value(hints[name], v) for name, v in value.items() if name in known})
    return value


__all__ = ["extraction_from_json"]
