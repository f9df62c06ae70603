"""Every optimizer's record is complete and agrees with the engine it drives (the table in optimizers.py)."""
import numpy as np
import pytest
import torch

from components.engine.analysis import analyse
from components.engine.closed_form import closed_form_trajectory
from components.engine.optimizers import OPTIMIZERS
from components.engine.training import fit_trajectory
from components.state.i18n import TABLES
from components.state.settings import OPTIMIZERS as URL_NAMES
from components.state.settings import Settings, in_use


def test_the_table_has_every_optimizer_the_url_names_and_each_is_complete():
    assert tuple(OPTIMIZERS) == URL_NAMES
    for key, optimizer in OPTIMIZERS.items():
        assert optimizer.key == key and callable(optimizer.update) and optimizer.script_update
        # its name in each language
        assert all(f"choice.optimizer.{key}" in table for table in TABLES.values())
        # the sidebar shows β for exactly these
        assert optimizer.uses_beta == in_use({"optimizer": key}, "beta")
        linear = optimizer.iteration is not None
        assert linear == (optimizer.contraction is not None) == (optimizer.stability is not None)


@pytest.mark.parametrize("key", [k for k, o in OPTIMIZERS.items() if o.iteration is not None])
def test_a_linear_rule_is_the_engines_own_step(key):
    """The engine (the record's update) and the closed form (its iteration) give the same losses, step by
    step."""
    settings = Settings(optimizer=key, lr=2e-6, steps=3, beta=0.8, dtype="float64")
    trajectory, analysis = fit_trajectory(settings), analyse(settings)
    exact = closed_form_trajectory(settings, analysis=analysis)
    np.testing.assert_allclose(trajectory.loss, exact.loss, rtol=1e-9)
    rates = OPTIMIZERS[key].contraction(settings.lr * analysis.eigenvalues, settings.beta)
    radius = np.abs(np.linalg.eigvals(OPTIMIZERS[key].iteration(settings.lr * analysis.eigenvalues,
                                                                settings.beta)))
    np.testing.assert_allclose(rates, radius.max(axis=1), rtol=1e-9)


@pytest.mark.parametrize("key", list(OPTIMIZERS))
def test_each_update_moves_against_the_gradient_and_clears_it(key):
    w = torch.tensor([[1.0], [2.0]], dtype=torch.float64, requires_grad=True)
    update = OPTIMIZERS[key].update(w, 0.1, 0.9)
    (w**2).sum().backward()
    with torch.no_grad():
        update()
    assert (w.grad is None
            and bool((w.detach().abs() < torch.tensor([[1.0], [2.0]], dtype=torch.float64)).all()))
