"""python -m bench [--device cpu|cuda] [--no-page]: print the benchmark tables."""
from __future__ import annotations

import argparse
import platform

import torch

from bench import engine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    parser.add_argument("--no-page", action="store_true", help="skip the page's rows (they need Streamlit)")
    args = parser.parse_args()
    gpu = torch.cuda.get_device_name() if torch.cuda.is_available() else "none"
    print(f"machine: {platform.machine()}, {torch.get_num_threads()} torch threads, torch "
          f"{torch.__version__}, GPU: {gpu}")
    print()
    print("\n".join(engine.table([engine.measure(case) for case in engine.cases(args.device)], args.device)))
    if not args.no_page:
        from bench import page

        print()
        print("\n".join(page.rows()))


if __name__ == "__main__":
    main()
