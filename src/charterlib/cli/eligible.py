"""`charter eligible`: an eligibility judged for every person of a register on a day."""

from __future__ import annotations

import argparse
from typing import Any

from ..common.args import day_arg
from ..common.errors import ArgumentError, CharterError, EvaluationError
from ..common.text import printable
from ..explain import unknown_article
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
    table,
    table_files,
)


def cmd_eligible(args: argparse.Namespace) -> int:
    """Judge an eligibility for every person of a register on a day."""
    try:
        on = day_arg(args.on, "--on")
    except ArgumentError as exc:
        raise Refused(str(exc)) from None
    charter = load_charter(args)
    if charter is None:
        return INPUT
    if args.article not in charter.engine.eligibilities:
        raise Refused(unknown_article(charter.ir, args.article, "eligibility"))
    register = (table_files(args, args.register, None) if is_table_register(args.register, None)
                else str(readable_file(args, args.register)))
    members: dict[str, Any] = {}
    read = bad = warnings = 0
    validator = charter.validator()
    try:
        for item in register_records(args, charter, register):
            read += 1
            if isinstance(item, Exception):
                err(say(args, "error", m=printable(f"{getattr(item, 'position', '')}: {item}")))
                bad += 1
                continue
            household, issues = validator.household(item[1], item[0])
            for issue in issues:
                err(printable(str(issue)))
                warnings += issue.severity == "warning"
            if household is None:
                bad += 1
                continue
            try:
                for verdict in charter.eligibility(household, args.article, on):
                    members[verdict.subject] = verdict.to_json()
            except EvaluationError as exc:
                err(say(args, "error", m=exc))
                bad += 1
    except CharterError as exc:
        err(say(args, "error", m=exc))
        return INPUT
    if read == 0:
        if args.json:
            out_json({"eligibility": args.article, "on": on.isoformat(), "members": {}})
        err(say(args, "error", m=say(args, "nothing_judged", p=args.register)))
        return INPUT
    if args.json:
        out_json({"eligibility": args.article, "on": on.isoformat(), "members": members})
    else:
        rows = [[say(args, "person"), say(args, "eligible"), say(args, "failed")]]
        rows += [[pid, say(args, "yes") if v["eligible"] else say(args, "no"), ", ".join(v["failed"])]
                 for pid, v in members.items()]
        out(say(args, "on", a=args.article, d=on) + "\n\n" + table(rows, right=set()))
    if bad:
        return INPUT
    return LOOK if warnings else CLEAN
