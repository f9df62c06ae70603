"""Prepared situations a lecturer jumps to in one click, each with the sentence of what it shows.

tests/test_presets.py runs every preset and checks that it shows what its sentence claims.
"""
from __future__ import annotations

from dataclasses import dataclass

from components.settings import Settings


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    shows: str
    settings: Settings


PRESETS = [
    Preset("tutorial", "The tutorial",
           "The tutorial's cubic on sin(x): after its 2000 steps it is still well above the best possible loss.",
           Settings()),
    Preset("too-big", "Too big a step",
           "The cubic with a learning rate past its stable bound (about 3.6e-6): every step overshoots and it diverges.",
           Settings(lr=5e-6)),
    Preset("degree-4", "Same step, degree 4",
           "The tutorial's learning rate 1e-6 at degree 4, where the bound is about 4.6e-7: it diverges within 40 steps.",
           Settings(degree=4)),
    Preset("ill-conditioned", "Ill-conditioned",
           "Degree 5 in powers of x: the stable learning rate is tiny (5.8e-8), so 50,000 steps barely move the fit.",
           Settings(degree=5, lr=5e-8, steps=50_000)),
    Preset("legendre", "Legendre basis",
           "The same degree 5 in Legendre polynomials: near its bound (5e-4) it reaches the best fit within 200 steps.",
           Settings(degree=5, basis="legendre", lr=4e-4, steps=2000)),
    Preset("momentum", "Momentum vs plain GD",
           "The tutorial's problem and learning rate with heavy-ball momentum (β 0.9): within 1% of the best "
           "loss in its 2000 steps, where plain gradient descent is still 39% above it.",
           Settings(optimizer="momentum")),
    Preset("adam", "Adam",
           "Adam scales each coefficient's step by its own gradient history: with lr 0.01 it fits the cubic "
           "in powers of x within 1% in 2000 steps.",
           Settings(optimizer="adam", lr=1e-2, steps=2000)),
    Preset("runge", "Runge's function",
           "Degree 12 on Runge's function 1/(1+25u²): even the best polynomial cannot follow the sharp peak "
           "and wiggles across the flat tails.",
           Settings(degree=12, target="runge", basis="legendre", lr=4e-4, steps=50_000)),
    Preset("noisy", "Noisy data",
           "Degree 15 through 40 noisy points: the training loss falls below the noise while the held-out "
           "loss stays above it — the polynomial fits the noise.",
           Settings(degree=15, points=40, noise=0.3, basis="legendre", loss="mean", lr=0.05, steps=50_000)),
]
BY_KEY = {preset.key: preset for preset in PRESETS}
