"""Prepared situations a lecturer jumps to in one click, each with the sentence of what it shows.

A preset's name and sentence are in the translation table (components/state/i18n.py, keys preset.<key>.name
and preset.<key>.shows), in every language. tests/test_presets.py runs every preset and checks that it
shows what its sentence claims.
"""
from __future__ import annotations

from dataclasses import dataclass

from components.state.i18n import Phrase
from components.state.settings import Settings


@dataclass(frozen=True)
class Preset:
    key: str
    settings: Settings

    @property
    def name(self) -> Phrase:
        return Phrase(f"preset.{self.key}.name")

    @property
    def shows(self) -> Phrase:
        return Phrase(f"preset.{self.key}.shows")


PRESETS = [
    Preset("tutorial", Settings()),  # the tutorial's cubic, still well above the best loss after 2000 steps
    Preset("too-big", Settings(lr=5e-6)),  # past the stable bound (about 3.6e-6): diverges
    Preset("degree-4", Settings(degree=4)),  # 1e-6 at degree 4, bound about 4.6e-7: diverges within 40 steps
    Preset("ill-conditioned", Settings(degree=5, lr=5e-8, steps=50_000)),  # bound 5.8e-8: barely moves
    # best fit within 200 steps
    Preset("legendre", Settings(degree=5, basis="legendre", lr=4e-4, steps=2000)),
    # within 1% in 2000 steps, where plain GD is 39% above
    Preset("momentum", Settings(optimizer="momentum")),
    Preset("adam", Settings(optimizer="adam", lr=1e-2, steps=2000)),  # the cubic within 1% in 2000 steps
    Preset("runge", Settings(degree=12, target="runge", basis="legendre", lr=4e-4, steps=50_000)),  # wiggles
    Preset("noisy", Settings(degree=15, points=40, noise=0.3, basis="legendre", loss="mean", lr=0.05,
                             steps=50_000)),  # training loss below the noise, held-out loss above: overfitted
]
BY_KEY = {preset.key: preset for preset in PRESETS}
