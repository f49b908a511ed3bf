"""Filters several pages share, drawn one way and kept in the URL (`dashboard.urlstate`)."""

from __future__ import annotations

from typing import Any

from dashboard import data, urlstate

ALL_REGIONS = "все регионы"
AVERAGED_OVER_REGIONS = "Все регионы: значение показателя — среднее по регионам, которые его отчитывают."


def region_select(container: Any, key: str = "region") -> str | None:
    """«Регион»: every region the database names, or all of them (None); the choice goes to the
    URL as `region`, the parameter every page reads."""
    regions = [ALL_REGIONS, *data.regions()]
    choice = container.selectbox(
        "Регион",
        regions,
        index=urlstate.index_of(regions, urlstate.get_str("region")),
        placeholder="Выберите регион",
        key=key,
    )
    region = None if choice == ALL_REGIONS else choice
    urlstate.put("region", region)
    return region
