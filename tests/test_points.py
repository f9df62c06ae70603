"""The reader's points: their checks, and their form in the link (components/state/points.py)."""
import base64
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from components.state.errors import SettingError
from components.state.points import (
    MAX_POINTS,
    MAX_POINTS_IN_LINK,
    VERSION,
    DataError,
    decode_points,
    encode_points,
    held_out_count,
    points_of,
)

finite32 = st.floats(-1e6, 1e6, allow_nan=False, width=32)


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 300).flatmap(lambda n: st.tuples(arrays(np.float32, n, elements=finite32, unique=True),
                                                        arrays(np.float32, n, elements=finite32))))
def test_the_link_form_gives_back_exactly_the_points(pair):
    x, y = pair
    points = decode_points(encode_points(points_of(x, y)))
    np.testing.assert_array_equal(points.x, x)
    np.testing.assert_array_equal(points.y, y)
    assert points.x.dtype == np.float32


def test_the_link_form_starts_with_its_version_and_is_url_safe():
    text = encode_points(points_of(np.linspace(0, 1, 50), np.linspace(0, 1, 50) ** 2))
    packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    assert packed[0] == VERSION and set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                     "0123456789-_")


def test_two_hundred_measured_points_make_a_link_that_can_be_pasted():
    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(-10, 10, MAX_POINTS_IN_LINK))
    text = encode_points(points_of(x, np.sin(x) + rng.normal(0, 0.1, len(x))))
    assert len(text) <= 2200  # 1,600 bytes of float32 pairs, which barely compress, in base64


def damaged_link(raw: bytes, version: int = VERSION) -> str:
    return base64.urlsafe_b64encode(bytes([version]) + raw).decode().rstrip("=")


@pytest.mark.parametrize("text, says", [
    ("not base64 at all!", "not base64url"),
    ("A", "not base64url"),
    (damaged_link(zlib.compress(b"\0" * 16), version=9), "another version"),
    ("", "another version"),
    (damaged_link(b"garbage that is not zlib"), "does not unpack"),
    (damaged_link(zlib.compress(b"\0" * 12)), "missing or extra"),
    (damaged_link(zlib.compress(b"\0" * 16)[:-3]), "missing or extra"),  # cut short
    (damaged_link(zlib.compress(b"\0" * 16) + b"tail"), "missing or extra"),
    (damaged_link(zlib.compress(b"\0" * (8 * MAX_POINTS + 8))), "missing or extra"),  # past the limit, unread
    (damaged_link(zlib.compress(np.array([1, 1, 2, 3], "<f4").tobytes())), "two different x"),
    (damaged_link(zlib.compress(np.array([1, np.nan, 2, 3], "<f4").tobytes())), "finite"),
])
def test_a_damaged_link_says_what_is_wrong(text: str, says: str):
    with pytest.raises(SettingError) as caught:
        decode_points(text)
    assert caught.value.name == "data" and says in str(caught.value)
    assert caught.value.phrase.in_("ko") != str(caught.value)  # said in Korean too


@pytest.mark.parametrize("x, y, says", [
    ([], [], "no points"),
    ([1.0], [2.0], "at least 2"),
    ([1.0, 1.0, 1.0], [1, 2, 3], "two different x"),
    ([1.0, np.inf], [1, 2], "finite"),
    ([1.0, 2.0], [1, np.nan], "finite"),
    ([1.0, 2e6], [1, 2], "1,000,000"),
    (np.arange(MAX_POINTS + 1.0), np.zeros(MAX_POINTS + 1), "100,000"),
])
def test_points_that_cannot_be_fitted_are_refused(x, y, says):
    with pytest.raises(DataError, match=says):
        points_of(x, y)


def test_x_that_differ_only_past_float32s_precision_are_the_same_x():
    with pytest.raises(DataError, match="two different x"):
        points_of([1.0, 1.0 + 1e-9], [0.0, 1.0])


@pytest.mark.parametrize("count, holdout, held", [(10, 0.0, 0), (10, 0.2, 2), (10, 0.01, 1), (3, 0.5, 2),
                                                  (2, 0.5, 1), (1000, 0.25, 250)])
def test_a_held_out_fraction_keeps_aside_at_least_one_point_and_leaves_one(count, holdout, held):
    assert held_out_count(count, holdout) == held
