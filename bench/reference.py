"""Running the tutorial's reference script, the baseline of every speed figure."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "polynomial_autograd.py"


def reference_steps_per_s(points: int, steps: int, lr: float, device: str = "cpu") -> float:
    """The reference script's own timing line (its training loop alone), as steps per second."""
    command = [sys.executable, str(REFERENCE), "--quiet", "--seed", "0", "--device", device,
               "--points", str(points), "--steps", str(steps), "--lr", repr(lr)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return float(re.search(r"steps_per_s (\S+)", out).group(1))
