"""python -m bench: print the benchmark table."""
from __future__ import annotations

import platform

import torch

from bench import engine


def main() -> None:
    print(f"machine: {platform.processor() or platform.machine()}, {torch.get_num_threads()} torch threads, "
          f"torch {torch.__version__}, CUDA {'yes: ' + torch.cuda.get_device_name() if torch.cuda.is_available() else 'no'}")
    print()
    print("| case (CPU) | reference steps/s | engine steps/s | engine / reference |")
    print("|---|---:|---:|---:|")
    for name, reference, ours in engine.rows():
        print(f"| {name} | {reference:,.0f} | {ours:,.0f} | {ours / reference:.2f}× |")


if __name__ == "__main__":
    main()
