"""`charter explain`: one household's result, article by article."""

from __future__ import annotations

import argparse

from ..common.args import day_arg
from ..common.errors import ArgumentError, CharterError
from ..common.text import printable
from ..explain import unknown_article
from ..runtime import Period
from ._common import (
    CLEAN,
    INPUT,
    LOOK,
    Refused,
    err,
    is_table_register,
    load_charter,
    out,
    out_json,
    readable_file,
    register_records,
    say,
    table_files,
    unknown_household,
)


def cmd_explain(args: argparse.Namespace) -> int:
    """Explain one household's result, article by article."""
    try:
        period = Period.parse(args.period)
        on = day_arg(args.on, "--on") if args.on is not None else None
    except CharterError as exc:
        raise Refused(str(exc)) from None
    charter = load_charter(args)
    if charter is None:
        return INPUT
    if args.article is not None and charter.ir.article(args.article) is None:
        raise Refused(unknown_article(charter.ir, args.article))
    register = (table_files(args, args.register, None) if is_table_register(args.register, None)
                else str(readable_file(args, args.register)))
    ids: list[str] = []
    try:
        for item in register_records(args, charter, register):
            if isinstance(item, Exception):
                continue
            position, raw = item
            hid = raw.get("id") if isinstance(raw, dict) else None
            if hid != args.household:
                if isinstance(hid, str):
                    ids.append(hid)
                continue
            household, issues = charter.validator().household(raw, position)
            for issue in issues:
                err(printable(str(issue)))
            if household is None:
                return INPUT
            explanation = charter.explain(household, period, args.article, on=on)
            if args.json:
                out_json(explanation.to_json(args.lang))
            else:
                out(explanation.to_text(args.lang))
            for article_id, reason in explanation.unjudged.items():
                err(printable(f"household {household.id}, article {article_id}: {reason}"))
            return LOOK if issues or explanation.unjudged else CLEAN
    except ArgumentError as exc:  # `--on` with no eligibility to judge
        raise Refused(str(exc)) from None
    except CharterError as exc:  # a register that cannot be read, an evaluation error
        err(say(args, "error", m=exc))
        return INPUT
    raise Refused(unknown_household(args, args.household, args.register, ids))
