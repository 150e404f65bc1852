"""Extractions vs. gold annotations: ``evaluate(gold_dir, pred_dir)`` → :class:`Report`.

See :mod:`kg.evaluate.score` for the counting rules.
"""

from kg.evaluate.score import Counts, Report, evaluate, format_report, report_to_json

__all__ = ["Counts", "Report", "evaluate", "format_report", "report_to_json"]
