"""The computation: the autograd loop, the exact closed form, the facts of the least-squares problem, which of
them answers."""
