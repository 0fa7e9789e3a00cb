"""The sentences of the `charter` command in English."""

from __future__ import annotations

WORDS: dict[str, str] = {
    "error": "error: {m}",
    "warning": "warning: {m}",
    "no_file": "{p}: no such file",
    "no_folder": "{p}: no such folder",
    "is_folder": "{p} is a folder, not a file",
    "not_folder": "{p} is not a folder",
    "not_regular": "{p} is not a regular file (a device, a pipe or a socket)",
    "unreadable": "{p}: cannot be read (no permission)",
    "only_batch": "{f} applies to the batch engine only (--engine batch, or --out)",
    "only_sql": "{f} applies to the SQL plan only (with --sql)",
    "persons_json": "--persons goes with a households table (.csv or .parquet), not with {p}",
    "needs_batch": "{what} needs the `batch` extra: pip install 'charterlib[batch]'",
    "same_file": "--out and --errors name the same file {p}",
    "overwrite": "{f} {p} is the register itself: give another file",
    "no_progress": "--progress needs tqdm, from the `batch` extra: pip install 'charterlib[batch]'",
    "empty": "nothing was evaluated: the register {p} holds no households.",
    "nothing_judged": "nothing was judged: the register {p} holds no households.",
    "summary": "{n} household{s} read: {e} evaluated, {b} with errors; total cash {t}, penalties {pen}.",
    "warnings": "{w} warning{s}: see above; every household has a result, but the register needs a look.",
    "warnings_too": "{w} warning{s}: see above; the register needs a look as well.",
    "amount_unknown": "units due but of unknown amount, for values missing from the register: {u} in {h} "
                      "household{hs} ({a}); not in the totals (see amount_unknown in the results).",
    "unknown_column": "amount unknown",
    "article_total": "  {a}: {v}",
    "penalties_of": "  {a} (penalties): {v}",
    "one_by_one": "{n} households were evaluated one by one by the household evaluator (an article "
                  "would have failed on them in SQL).",
    "unvectorized": "article {a} cannot run set-at-a-time ({r}): every household is evaluated one by one.",
    "unvectorized_all": "the charter cannot run set-at-a-time ({r}): every household is evaluated one by one.",
    "title": "charter {c} {t} — period {p} — {n} household{s}",
    "household": "household", "total_cash": "total cash", "in_kind": "in kind", "penalties": "penalties",
    "total": "total",
    "person": "person", "eligible": "eligible", "failed": "failed", "yes": "yes", "no": "no",
    "on": "{a} on {d}:",
    "no_household": "no household {h} in {p}{hint}",
    "did_you_mean": " (did you mean {x}?)",
}
