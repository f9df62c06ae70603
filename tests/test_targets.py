import math

import torch

from components.problem.targets import TARGET_FUNCTIONS, make_dataset, scaled, target_values
from components.state.settings import Settings


def test_every_target_is_finite_on_the_default_domain():
    x = torch.linspace(-math.pi, math.pi, 101, dtype=torch.float64)
    for name in TARGET_FUNCTIONS:
        assert torch.isfinite(target_values(name, x, (-math.pi, math.pi))).all(), name


def test_targets_have_their_shapes():
    x = torch.tensor([-math.pi, 0.0, math.pi / 2], dtype=torch.float64)
    domain = (-math.pi, math.pi)
    assert torch.allclose(target_values("sin", x, domain), torch.sin(x))
    assert torch.allclose(target_values("runge", x, domain), 1 / (1 + 25 * scaled(x, domain) ** 2))
    assert (target_values("gauss", x, domain)[1] == 1.0
            and target_values("sign", x, domain).tolist() == [-1, 0, 1])


def test_dataset_is_the_tutorials_grid_with_held_out_points_between():
    data = make_dataset(Settings())
    assert torch.equal(data.x, torch.linspace(-math.pi, math.pi, 2000))
    assert torch.equal(data.y, torch.sin(data.x))
    assert len(data.x_test) == 1999 and bool(((data.x[:-1] < data.x_test) & (data.x_test < data.x[1:])).all())


def test_noise_is_gaussian_reproducible_from_the_seed_and_off_by_default():
    clean = make_dataset(Settings(points=20000))
    noisy = make_dataset(Settings(points=20000, noise=0.5, seed=3))
    again = make_dataset(Settings(points=20000, noise=0.5, seed=3))
    other = make_dataset(Settings(points=20000, noise=0.5, seed=4))
    residual = noisy.y - clean.y
    assert torch.equal(noisy.y, again.y) and not torch.equal(noisy.y, other.y)
    assert abs(residual.mean()) < 0.02 and abs(residual.std() - 0.5) < 0.02
    assert not torch.equal(noisy.y_test, clean.y_test)  # the held-out samples are noisy too
