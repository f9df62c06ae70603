from components.controls import LR_MARKS, STEP_MARKS, log_marks, marks_with
from components.summary import format_lr


def test_learning_rate_marks_are_1_2_5_in_every_decade_from_1e_16_to_1():
    assert LR_MARKS[:4] == [1e-16, 2e-16, 5e-16, 1e-15] and LR_MARKS[-1] == 1.0
    assert len(LR_MARKS) == 16 * 3 + 1 and 1e-6 in LR_MARKS and 2e-6 in LR_MARKS and 5e-6 in LR_MARKS


def test_step_marks_run_from_10_to_a_million():
    assert STEP_MARKS[:4] == [10, 20, 50, 100] and STEP_MARKS[-1] == 1_000_000 and 2000 in STEP_MARKS


def test_learning_rates_are_written_as_a_lecturer_writes_them():
    assert [format_lr(v) for v in (1e-6, 2e-6, 5e-16, 3e-7, 4.643e-7, 2e-4, 0.01, 1.0, 0.5)] == [
        "1e-6", "2e-6", "5e-16", "3e-7", "4.64e-7", "2e-4", "1e-2", "1", "0.5"]


def test_a_value_between_the_marks_joins_them_in_order():
    assert marks_with([10, 20, 50], 30) == [10, 20, 30, 50] and marks_with([10, 20], 20) == [10, 20]
    assert log_marks(0, 1) == [1.0, 2.0, 5.0, 10.0]
