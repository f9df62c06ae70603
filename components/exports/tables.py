"""A run's numbers as CSV: the coefficients at every frame, and the loss at every step."""
from __future__ import annotations

import csv
import io

from components.engine.training import Trajectory
from components.state.points import decode_points
from components.state.settings import Settings


def trajectory_csv(trajectory: Trajectory) -> str:
    """step, loss, c0, c1, …, cd (powers of x) at every step the animation keeps as a frame."""
    degree = trajectory.settings.degree
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["step", "loss", *(f"c{k}" for k in range(degree + 1))])
    for step, coefficients in zip(trajectory.frame_steps.tolist(), trajectory.frame_coefficients.tolist()):
        # repr: the shortest text that reads back as the same float (the loss is float32, widened exactly).
        writer.writerow([step, repr(float(trajectory.loss[step])), *map(repr, coefficients)])
    return out.getvalue()


def loss_csv(trajectory: Trajectory) -> str:
    """step, loss at every step of the run, 0 to the last one reached."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["step", "loss"])
    writer.writerows((step, repr(value)) for step, value in enumerate(trajectory.loss.tolist()))
    return out.getvalue()


def points_csv(settings: Settings) -> str:
    """x, y of the reader's points, every one (held-out ones too), each the shortest text of its float32."""
    points = decode_points(settings.data)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["x", "y"])
    writer.writerows(zip(map(str, points.x), map(str, points.y)))
    return out.getvalue()
