"""Points a reader brings (target "data"): what they may be, and their compact form in the link.

A reader's points are kept as float32 pairs, the precision the link carries, so a shared link reproduces
the run to the last digit whatever the training's dtype. In the link (`data=`) they are base64url, without
padding, of one version byte and then the zlib-compressed little-endian float32 x values followed by the y
values (the x of measurements are often evenly spaced, which compresses). Every run reads its points from
this text: `Settings.data` holds it, so the cache key and the link need nothing else.
"""
from __future__ import annotations

import base64
import binascii
import functools
import zlib
from dataclasses import dataclass

import numpy as np

from components.state.errors import SettingError
from components.state.i18n import Phrase

VERSION = 1  # the first byte of `data=`: a later encoding gets another
MAX_POINTS_IN_LINK = 200  # more make a link too long to paste into a lecture's chat
MAX_POINTS = 100_000
MAX_ABS_VALUE = 1e6  # beyond this, powers of x overflow even float64 at degree 15 over many points
LEAST_POINTS = 2  # two different x make a line; a higher degree needs more (checked with the degree)
HOLDOUT_SEED_OFFSET = 2_000_003  # the held-out points draw from their own stream, as the noise does


class DataError(ValueError):
    """Points that cannot be used: a Phrase saying where and why, in the reader's language."""

    def __init__(self, phrase: Phrase):
        self.phrase = phrase
        super().__init__(phrase)

    def message(self, lang: str) -> str:
        return self.phrase.in_(lang)


@dataclass(frozen=True, eq=False)
class Points:
    """x and y, float32, one pair per point, in the order they came."""

    x: np.ndarray
    y: np.ndarray

    def __len__(self) -> int:
        return len(self.x)

    @property
    def domain(self) -> tuple[float, float]:
        """The x range the points span: the run's domain."""
        return float(self.x.min()), float(self.x.max())


def points_of(x: np.ndarray | list[float], y: np.ndarray | list[float]) -> Points:
    """Checked float32 points; raises DataError (a line number is the parser's to add)."""
    x32, y32 = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if len(x32) == 0:
        raise DataError(Phrase("data.no_points"))
    if len(x32) > MAX_POINTS:
        raise DataError(Phrase("data.too_many", count=len(x32), most=MAX_POINTS))
    if not (np.isfinite(x32).all() and np.isfinite(y32).all()):
        raise DataError(Phrase("data.not_finite"))
    if max(np.abs(x32).max(), np.abs(y32).max()) > MAX_ABS_VALUE:
        raise DataError(Phrase("data.too_big", most=f"{MAX_ABS_VALUE:,.0f}"))
    points = Points(x32.astype(np.float32), y32.astype(np.float32))
    if len(points) < LEAST_POINTS:
        raise DataError(Phrase("data.too_few", count=len(points), least=LEAST_POINTS))
    if points.x.min() == points.x.max():
        raise DataError(Phrase("data.same_x", x=f"{float(points.x[0]):g}"))
    return points


def encode_points(points: Points) -> str:
    """The link's `data=` text of these points."""
    raw = np.concatenate([points.x, points.y]).astype("<f4").tobytes()
    packed = bytes([VERSION]) + zlib.compress(raw, 9)
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


@functools.lru_cache(maxsize=16)  # every Settings made with these points checks them: decoded once
def decode_points(text: str) -> Points:
    """The points of a `data=` text; a SettingError ("data") says what is wrong with a damaged one."""

    def damaged(problem: str) -> SettingError:
        return SettingError("data", text, Phrase(f"allowed.data_{problem}", version=VERSION))

    try:
        packed = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise damaged("base64") from None
    if not packed or packed[0] != VERSION:
        raise damaged("version")
    try:  # the size bounds what a crafted link can make the server unpack
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed[1:], 8 * MAX_POINTS + 1)
    except zlib.error:
        raise damaged("zlib") from None
    if len(raw) % 8 or not inflater.eof or inflater.unused_data:
        raise damaged("length")
    values = np.frombuffer(raw, dtype="<f4").astype(np.float32)
    try:
        return points_of(values[: len(values) // 2], values[len(values) // 2:])
    except DataError as error:
        raise SettingError("data", text, Phrase("allowed.data_points", problem=error.phrase)) from None


def held_out_count(count: int, holdout: float) -> int:
    """How many of `count` points a held-out fraction keeps aside: none at 0, at least one above."""
    return 0 if holdout == 0 else max(1, min(count - 1, round(holdout * count)))
