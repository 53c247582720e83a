"""The desktop break reminder as processes: the resident process that stays in memory all day
(daemon, resident), the short-lived step processes that read and write the timer (step,
step_process, wire), and how `psoas breaks` starts, finds and stops it (process, status).

The resident process imports this package, so it holds no code: its memory is budgeted (see
tests/reminder/test_import_budget.py and docs/performance.md).
"""
