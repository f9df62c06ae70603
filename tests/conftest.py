"""Shared test helpers: where the tutorial's reference script lives, and how to run it."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "polynomial_autograd.py"
sys.path.insert(0, str(ROOT))


def run_reference(*args: str) -> tuple[list[float], float]:
    """Run the tutorial's script; return its final a, b, c, d and its steps/s."""
    if not REFERENCE.exists():
        pytest.fail(f"the tutorial's reference script is missing: {REFERENCE}")
    out = subprocess.run([sys.executable, str(REFERENCE), "--quiet", *args], capture_output=True, text=True, check=True).stdout
    numbers = re.search(r"Result: y = (\S+) \+ (\S+) x \+ (\S+) x\^2 \+ (\S+) x\^3", out)
    rate = re.search(r"steps_per_s (\S+)", out)
    assert numbers and rate, out
    return [float(v) for v in numbers.groups()], float(rate.group(1))
