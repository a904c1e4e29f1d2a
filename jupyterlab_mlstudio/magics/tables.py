"""Tables that read well both in a terminal and in a notebook."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any


class Table:
    """Rows under a header: plain text for ``print``/terminals, HTML in notebooks."""

    def __init__(
        self, columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None
    ) -> None:
        self.columns = list(columns)
        self.rows = [["" if cell is None else str(cell) for cell in row] for row in rows]
        self.title = title

    def __str__(self) -> str:
        widths = [len(column) for column in self.columns]
        for row in self.rows:
            widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=False)]
        lines = []
        if self.title:
            lines.append(self.title)
        lines.append(
            "  ".join(
                column.ljust(width) for column, width in zip(self.columns, widths, strict=False)
            ).rstrip()
        )
        lines.append("  ".join("-" * width for width in widths))
        for row in self.rows:
            lines.append(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=False)
                ).rstrip()
            )
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th style='text-align:left'>{html.escape(column)}</th>" for column in self.columns
        )
        body = "".join(
            "<tr>"
            + "".join(f"<td style='text-align:left'>{html.escape(cell)}</td>" for cell in row)
            + "</tr>"
            for row in self.rows
        )
        caption = (
            f"<caption style='text-align:left'><b>{html.escape(self.title)}</b></caption>"
            if self.title
            else ""
        )
        return (
            f"<table class='jp-mlstudio-table'>{caption}"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )
