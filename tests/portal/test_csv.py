"""portal.csv: formula cells get a leading apostrophe (OWASP), other cells are left alone."""

import csv
import io

import pytest

from portal.csv import SafeWriter, neutralise, restore


@pytest.mark.parametrize(
    "cell", ["=1+1", "+7 918", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"]
)
def test_formula_cells_get_an_apostrophe_and_come_back(cell):
    assert neutralise(cell) == "'" + cell
    assert restore(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["Мёд", "", "'quoted", 42, -3, None, "a=b"])
def test_other_cells_are_unchanged(cell):
    assert neutralise(cell) == cell
    assert restore(cell) == cell


def test_safe_writer_writes_neutralised_rows():
    buffer = io.StringIO()
    SafeWriter(buffer, lineterminator="\n").writerows([["=1+1", -5, "ok"]])
    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == [["'=1+1", "-5", "ok"]]
