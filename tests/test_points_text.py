"""Reading a file or pasted text as points (components/state/points_text.py): bad files answered by line."""
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.state.points import DataError
from components.state.points_text import MAX_BYTES, read_points


@pytest.mark.parametrize("content, x, y", [
    ("1,2\n3,4\n", [1, 3], [2, 4]),
    ("x,y\n1,2\n3,4", [1, 3], [2, 4]),
    ("year, co2\n1990, 354.2\n1991, 355.5\n", [1990, 1991], [354.2, 355.5]),
    ("1\t2\n3\t4", [1, 3], [2, 4]),
    ("x\ty\n1.5\t-2e-3\n3\t4", [1.5, 3], [-2e-3, 4]),
    ("1   2\n  3 4  \n", [1, 3], [2, 4]),
    ("1;2\n3;4", [1, 3], [2, 4]),
    ("x;y\r\n1,5;2,5\r\n3,25;-4\r\n", [1.5, 3.25], [2.5, -4]),  # Excel where the decimal mark is a comma
    ("\ufeffx;y\r\n1,5;2,5\r\n3;4\r\n".encode("utf-8"), [1.5, 3], [2.5, 4]),  # … with its byte-order mark
    ("\ufeffx,y\n1,2\n3,4".encode("utf-8"), [1, 3], [2, 4]),
    ("# measured on Monday\n\n1,2  # the first\n\n# a gap\n3,4\n", [1, 3], [2, 4]),
    ('"x","y"\n"1.5","2"\n"3","4"', [1.5, 3], [2, 4]),
    ("1,2,\n3,4,\n", [1, 3], [2, 4]),  # a trailing separator
    ("1,2\r3,4\r", [1, 3], [2, 4]),  # old Mac line ends
    ("+1,.5\n-3.,1E2", [1, -3], [0.5, 100]),
    ("x,y\n2,1\n1,2\n2,3", [2, 1, 2], [1, 2, 3]),  # in the order they came, a repeated x kept
])
def test_a_file_of_two_columns_reads_as_its_points(content, x, y):
    points = read_points(content)
    np.testing.assert_array_equal(points.x, np.float32(x))
    np.testing.assert_array_equal(points.y, np.float32(y))


@pytest.mark.parametrize("content, says", [
    ("x,y\n1,2\n3,4\n5,6\n7,8\n9,10\nabc,3", "line 7: 'abc' is not a number."),
    ("1,2\n3,4,5\n", "line 2: 3 columns; two are needed"),
    ("1,2\n3\n", "line 2: one column; two are needed"),
    ("1\n2\n3", "line 1: one column"),
    ("1,2\n3,nan", "line 2: 'nan' is not a finite number"),
    ("1,2\n3,-inf", "line 2: '-inf' is not a finite number"),
    ("1,2\nInfinity,3", "line 2: 'Infinity' is not a finite number"),
    ("1,2\n3,2e7", "line 2: '2e7' is larger than 1,000,000"),
    ("1,2\n3,1e400", "line 2: '1e400' is larger than 1,000,000"),
    ("1,2\n3,0x10", "line 2: '0x10' is not a number"),
    ("1,2\n3,1_000", "line 2: '1_000' is not a number"),  # Python's float() would take it: not a number here
    ("1,2\n3,4j", "line 2: '4j' is not a number"),
    ("1 2\n3,4", "line 1: one column"),  # a line in another separator
    ("x y\n1 2\n3,4", "line 3: one column"),
    ("nan,inf\n1,2\n3,4", "line 1: 'nan' is not a finite number"),  # words, but no header
    ("", "The file is empty"),
    ("# only a comment\n\n   \n", "The file is empty"),
    ("x,y\n", "line 1: 'x,y' reads as a header of words, and no point follows it"),
    ("<script>alert(1)</script>", "line 1: '<script>alert(1)</script>' reads as a header"),
    ("1,2", "1 point is too few"),
    ("5,1\n5,2\n5,3", "Every point has x = 5"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file (byte 9"),
    ("1,2\n3,4\xe9\n".encode("latin-1"), "Byte 8 of the file is not UTF-8"),
    ("1,2\n3,\0", "not a text file"),
    ("1," + "9" * 200_000 + "\n", "line 1: a cell too long"),
    (b"1,2\n" * (MAX_BYTES // 4 + 1), "The file is over 8 MB"),
    ("1,2\n" * 100_001, "100,001 points are more than the 100,000"),
    ("x,y\n<b>1</b>,2\n", "line 2: '<b>1</b>' is not a number"),  # quoted as text; the page escapes it
])
def test_a_bad_file_is_answered_by_line_in_both_languages(content, says):
    with pytest.raises(DataError) as caught:
        read_points(content)
    assert says in str(caught.value)
    korean = caught.value.message("ko")
    assert korean != str(caught.value) and all(c not in korean for c in "{}")


def test_a_hundred_thousand_points_read():
    x = np.arange(100_000) / 1000
    points = read_points("x,y\n" + "".join(f"{a},{a * 2}\n" for a in x))
    assert len(points) == 100_000 and points.x[-1] == np.float32(99.999)


separators = st.sampled_from([",", ";", "\t", " ", ", ", "  "])
numbers = st.floats(-1e6, 1e6, allow_nan=False, width=32)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(numbers, numbers), min_size=2, max_size=40, unique_by=lambda p: p[0]), separators,
       st.booleans(), st.booleans(), st.sampled_from(["\n", "\r\n"]))
def test_points_written_out_in_any_of_the_forms_read_back_as_themselves(pairs, separator, header, bom, end):
    decimal_comma = separator == ";"

    def write(v: float) -> str:
        text = repr(float(np.float32(v)))
        return text.replace(".", ",") if decimal_comma else text

    lines = (["x" + separator + "y"] if header else []) + [write(a) + separator + write(b) for a, b in pairs]
    content = ("\ufeff" if bom else "") + end.join(lines) + end
    points = read_points(content.encode("utf-8"))
    np.testing.assert_array_equal(points.x, np.float32([a for a, _ in pairs]))
    np.testing.assert_array_equal(points.y, np.float32([b for _, b in pairs]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), st.binary(max_size=400),
                 st.text(alphabet="0123456789.,;\t -+eE#\n\r\"x", max_size=300)))
def test_random_text_and_bytes_raise_only_the_apps_own_error(content):
    try:
        points = read_points(content)
    except DataError as error:
        assert error.message("en") and error.message("ko")
    else:
        assert len(points) >= 2 and np.isfinite(points.x).all() and np.isfinite(points.y).all()
