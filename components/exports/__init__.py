"""Downloads of a run: the animation (HTML, GIF), its numbers (CSV), and a PyTorch script."""
