"""The problem a run solves: the target function, its samples, and the features of x."""
