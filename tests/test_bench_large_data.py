"""The large-data benchmark's hand-written pass must compute what autograd computes, or its speed means nothing."""
import torch

from bench.large_data import LR, data, hand_fused_step


def autograd_step(rows: torch.Tensor, y: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    w = w.clone().requires_grad_(True)
    ((w * rows).sum(0) - y).pow(2).sum().backward()
    return (w - LR * w.grad).detach()


def test_the_hand_written_pass_takes_autograds_step_over_uneven_blocks():
    rows, y, w = data(points=300_001)  # not a whole number of blocks
    expected = autograd_step(rows, y, w)
    step, taken = hand_fused_step(rows, y), w.clone()
    step(taken)
    assert not torch.equal(taken, w)
    torch.testing.assert_close(taken, expected, rtol=1e-5, atol=0)
