"""The large-data benchmark's hand-written pass must compute what autograd computes, or its speed means
nothing."""
import torch

from bench.large_data import LR, data, hand_fused_step
from components.state.settings import Settings


def autograd_step(rows: torch.Tensor, y: torch.Tensor, w: torch.Tensor) -> tuple[torch.Tensor, float]:
    """The tutorial's step in float64: the updated coefficients, and the loss before the update."""
    w = w.double().requires_grad_(True)
    loss = ((w * rows.double()).sum(0) - y.double()).pow(2).sum()
    loss.backward()
    return (w - LR * w.grad).detach(), loss.item()


def test_the_hand_written_pass_takes_autograds_steps_over_uneven_blocks():
    rows, y, w = data(Settings(points=300_001))  # not a whole number of blocks
    step, taken = hand_fused_step(rows, y), w.clone()
    for _ in range(2):  # a second step would show gradient or loss left over from the first
        before = taken.clone()
        loss = step(taken)
        expected, expected_loss = autograd_step(rows, y, before)
        assert abs(loss - expected_loss) <= 1e-5 * expected_loss
        torch.testing.assert_close(taken.double() - before.double(), expected - before.double(), rtol=1e-4,
                                   atol=0)
