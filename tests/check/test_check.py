"""Stage 2: checking — names, types, inheritance, and the typed representation."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CHARTERS, ROOT, run_cli

import charterlib
from charterlib import Library, batch, check_file, check_text, ir  # the façade's: check, then lint
from charterlib.language.types import BOOL, DATE, INT, MONEY

SHIPPED = sorted(CHARTERS.glob("*.charter"))


def checked(text: str, name: str = "test.charter") -> ir.Charter:
    result = check_text(text, name, search_path=(CHARTERS,))
    assert result.ok, "\n".join(d.render() for d in result.diagnostics)
    assert result.charter is not None
    return result.charter


def errors(text: str, name: str = "test.charter") -> list[str]:
    result = check_text(text, name, search_path=(CHARTERS,))
    assert not result.ok
    return [d.code for d in result.diagnostics if d.is_error]


VILLAGE = 'charter v "村"\n  extends hongshandian\n  in force 2005-01-01\n\n'


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_charter_checks_clean(path: Path) -> None:
    result = check_file(path)
    assert result.ok, "\n".join(d.render() for d in result.diagnostics)
    assert not result.diagnostics


def test_charter_check_over_all_shipped_charters_exits_0() -> None:
    code, out, _ = run_cli("check", *[str(p.relative_to(CHARTERS.parent)) for p in SHIPPED])
    assert code == 0
    assert out.strip() == f"{len(SHIPPED)} files checked: no errors."


@pytest.mark.parametrize("stem", ["zhazi", "yatian"])
def test_chinese_twin_checks_to_the_same_representation(stem: str) -> None:
    library = Library()
    english = library.check_file(CHARTERS / f"{stem}.charter").charter
    chinese = library.check_file(CHARTERS / f"{stem}.zh.charter").charter
    assert english is not None and chinese is not None
    assert english == chinese


def test_twin_equality_is_not_vacuous(tmp_path: Path) -> None:
    text = (CHARTERS / "zhazi.zh.charter").read_text(encoding="utf-8")
    changed = tmp_path / "zhazi.zh.charter"
    changed.write_text(text.replace("违约金 300 元", "违约金 301 元"), encoding="utf-8")
    library = Library([CHARTERS])
    english = library.check_file(CHARTERS / "zhazi.charter").charter
    assert english != library.check_file(changed).charter


def test_village_charter_holds_town_articles_first_then_its_own() -> None:
    zhazi = check_file(CHARTERS / "zhazi.charter").charter
    assert zhazi is not None
    assert [a.id for a in zhazi.articles] == [
        "health_fee", "pension_subsidy", "girls_scholarship", "veto",
        "village_pension_subsidy", "tuition_waiver", "contraception_after_second_birth",
    ]  # fmt: skip
    assert zhazi.chain == ("hongshandian", "zhazi")
    town = zhazi.article("health_fee")
    assert town is not None and town.origin == "hongshandian" and town.in_force == dt.date(2004, 1, 1)
    village = zhazi.article("tuition_waiver")
    assert village is not None and village.in_force == dt.date(2004, 7, 1)


def test_expressions_are_typed_and_resolved() -> None:
    zhazi = check_file(CHARTERS / "zhazi.charter").charter
    assert zhazi is not None
    benefit = zhazi.article("tuition_waiver")
    assert isinstance(benefit, ir.Benefit)
    assert benefit.amount is None  # in kind
    assert isinstance(benefit.schedule, ir.Yearly) and benefit.schedule.days == ((3, 1), (9, 1))
    assert benefit.subject is not None and benefit.subject.var == "daughter"
    first, second = benefit.conditions
    assert first.expr == ir.DefRef(BOOL, "two_daughter_household")
    assert isinstance(second.expr, ir.Between) and second.expr.value.type == INT
    obligation = zhazi.article("contraception_after_second_birth")
    assert isinstance(obligation, ir.Obligation)
    assert obligation.penalty is not None and obligation.penalty.type == MONEY
    assert obligation.trigger.type == DATE.maybe()
    assert obligation.suspensions == (ir.Suspension(("village_pension_subsidy", "tuition_waiver"), "fulfilled"),)


def test_enum_labels_resolve_against_the_field_they_are_compared_with() -> None:
    charter = checked(VILLAGE + "define sterilized = any(spouses, sterilization = contraception)\n")
    definition = next(d for d in charter.definitions if d.name == "sterilized")
    body = definition.expr.args[1].body  # type: ignore[attr-defined]
    assert isinstance(body, ir.Compare)
    assert body.left == ir.Const(body.right.type, "sterilization")


def test_override_replaces_an_inherited_article_in_place() -> None:
    charter = checked(
        VILLAGE + 'override benefit health_fee "第一条 独生子女保健费（村标准）":\n'
        "  every month on last day\n  when rural and one_child_household\n  pay 15 yuan\n"
    )
    assert [a.id for a in charter.articles][:2] == ["health_fee", "pension_subsidy"]
    fee = charter.article("health_fee")
    assert isinstance(fee, ir.Benefit) and fee.origin == "v" and fee.in_force == dt.date(2005, 1, 1)


def test_repeal_removes_an_inherited_article() -> None:
    charter = checked(VILLAGE + "repeal girls_scholarship\n")
    assert charter.article("girls_scholarship") is None


def test_override_of_a_definition_is_used_by_inherited_articles() -> None:
    charter = checked(VILLAGE + 'override define children "子女" = members where role = child and not out_of_policy_birth\n')
    [children] = [d for d in charter.definitions if d.name == "children"]
    assert children.origin == "v"


def test_an_override_must_keep_the_type() -> None:
    assert errors(VILLAGE + "override define children = true\n") == ["override-type"]


def test_parameters_hold_dated_values() -> None:
    charter = checked(VILLAGE + "parameter rate = 10 yuan from 2004-01-01, 15 yuan from 2010-01-01\n")
    [rate] = [p for p in charter.parameters if p.name == "rate"]
    assert [d for d, _ in rate.values] == [dt.date(2004, 1, 1), dt.date(2010, 1, 1)]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("parameter rate = 15 yuan from 2010-01-01, 10 yuan from 2004-01-01\n", "parameter-order"),
        ("parameter rate = 10 yuan from 2004-01-01, true from 2010-01-01\n", "type-mismatch"),
        ("parameter rate = count(children)\n", "parameter-not-constant"),
        ("define rural = true\n", "shadows-field"),
        ("define a = b\ndefine b = c\ndefine c = a\n", "definition-cycle"),
        ("define x = rural + 1\n", "type-mismatch"),
        ("define x = today + 1\n", "type-mismatch"),
        ("define x = it\n", "it-outside"),
        ("define x = {1, 2}\n", "set-outside-in"),
        ("define x = case 1 {a: 1}\n", "type-mismatch"),
        ("define x = sum(members)\n", "type-mismatch"),
        ("define x = count(1)\n", "type-mismatch"),
        ("define x = earliest(1, 2)\n", "type-mismatch"),
        ('eligibility e "t":\n  require rural and one_child_cert_on is set\n', "unnamed-requirement"),
        ('eligibility e "t":\n  require rural\n  require rural\n', "duplicate-requirement"),
        ('veto v2 "t":\n  when rural\n', "misplaced-clause"),
        ('benefit b "t":\n  once on today\n  once on today\n  grant\n', "duplicate-clause"),
        ("repeal nothing_like_it\n", "repeal-nothing"),
    ],
)
def test_check_errors(body: str, code: str) -> None:
    assert code in errors(VILLAGE + body)


def test_all_errors_of_a_file_are_reported_together() -> None:
    codes = errors(VILLAGE + "define a = nope\ndefine b = rural + 1\ndefine c = case rural {x: 1}\n")
    assert len(codes) >= 3


def test_adoption_record_without_quorum_is_a_warning() -> None:
    result = check_text(
        'charter w "t"\n  adopted 2004-06-20 by "村民会议" present 200 of 520 in favour 150\n'
        "  in force 2004-07-01\n",
        search_path=(CHARTERS,),
    )
    assert result.ok
    assert [d.code for d in result.diagnostics] == ["no-quorum"]


def test_extends_is_found_by_header_id_when_the_file_name_differs(tmp_path: Path) -> None:
    (tmp_path / "town-policy.charter").write_text('charter town "镇"\n  in force 2004-01-01\n', encoding="utf-8")
    child = tmp_path / "village.charter"
    child.write_text('charter village_x "村"\n  extends town\n  in force 2005-01-01\n', encoding="utf-8")
    result = check_file(child)
    assert result.charter is not None and result.charter.chain == ("town", "village_x")
    assert [d.code for d in result.diagnostics] == ["file-name"]  # village_x vs village.charter


def test_any_of_one_argument_needs_a_list_of_conditions() -> None:
    assert "type-mismatch" in errors(VILLAGE + "define x = any(children)\n")


def test_a_requirement_on_a_definition_is_named_after_it() -> None:
    charter = checked(VILLAGE + 'eligibility e "t":\n  require two_daughter_household\n')
    eligibility = charter.article("e")
    assert isinstance(eligibility, ir.Eligibility)
    assert [r.label for r in eligibility.requirements] == ["two_daughter_household"]


def test_a_definition_still_used_by_another_cannot_be_repealed() -> None:
    assert "repeal-in-use" in errors(VILLAGE + "repeal spouses\n")


def test_a_misplaced_clause_names_every_kind_that_accepts_it() -> None:
    result = check_text(VILLAGE + 'veto v2 "t":\n  when rural\n', "test.charter", search_path=(CHARTERS,))
    [d] = [d for d in result.diagnostics if d.code == "misplaced-clause"]
    assert d.message == "`when` belongs in a benefit, an obligation or an eligibility, not in a veto."


def test_a_forgotten_space_after_a_chinese_keyword_is_pointed_out() -> None:
    text = '章程 g "t"\n  继承 hongshandian\n  施行于 2005-01-01\n\n福利 b "t":\n  一次性 于 2005-06-01\n  当rural\n  发放 1 元\n'
    result = check_text(text, "g.charter", search_path=(CHARTERS,))
    [d] = [d for d in result.diagnostics if d.is_error]
    assert d.help == "write `当 rural`"


# ---------------------------------------------------------------- bounds: what checks can run (issue 8, item 15)

LIMIT_HEAD = 'charter limits "界限"\n  level town\n  uses family_planning\n  in force 2004-01-01\n\n' \
             'define children "子女" = members where role = child\n'
LIMIT_HOUSEHOLDS = [
    {"id": "L-1", "village": "v3", "rural": True, "members": [
        {"id": "L-1-w", "role": "wife", "sex": "female", "birth_date": "1970-01-01"},
        {"id": "L-1-c", "role": "child", "sex": "female", "birth_date": "1995-01-01"}]},
    {"id": "L-2", "village": "zz", "rural": False, "members": [
        {"id": "L-2-w", "role": "wife", "sex": "female", "birth_date": "1970-01-01"}]},
]


def _shape(kind: str, n: int) -> str:
    """A charter whose one benefit tests an expression of `kind` and size `n`."""
    if kind == "or":  # an `or` of n tests
        definitions, condition = "define r = " + " or ".join(f'village = "v{i}"' for i in range(n)) + "\n", "r"
    elif kind == "plus":  # a sum of n terms
        definitions, condition = "define s = " + " + ".join(["1"] * n) + "\n", "count(children) < s"
    elif kind == "ifs":  # n `if`s one inside another
        definitions = "define s = " + "if rural then " * n + "1" + " else 2" * n + "\n"
        condition = "count(children) < s"
    elif kind == "max":  # n `max` one inside another
        definitions = "define s = " + "max(" * n + "1" + ", 1)" * n + "\n"
        condition = "count(children) < s"
    elif kind == "definitions":  # n definitions, each using the next
        definitions = "".join(f"define d{i} = d{i + 1} + 1\n" for i in range(n)) + f"define d{n} = 1\n"
        condition = "count(children) < d0"
    else:
        raise AssertionError(kind)
    return LIMIT_HEAD + definitions + f'\nbenefit b "t":\n  every month on last day\n  when {condition}\n  pay 10 yuan\n'


def _largest_accepted(kind: str) -> int:
    low, high = 1, 600
    while low < high:
        middle = (low + high + 1) // 2
        if check_text(_shape(kind, middle), "limits.charter", (CHARTERS,)).ok:
            low = middle
        else:
            high = middle - 1
    return low


@pytest.mark.parametrize(("kind", "at_least"), [("or", 200), ("plus", 250), ("ifs", 20), ("max", 20),
                                                ("definitions", 10)])
def test_what_checks_at_the_limit_evaluates_alike_in_every_engine(kind: str, at_least: int, tmp_path: Path) -> None:
    import charterlib
    from charterlib import batch

    n = _largest_accepted(kind)
    assert n >= at_least  # an `or` of 200 tests, a sum of 250 terms: real charters stay far below
    text = _shape(kind, n)
    compiled = charterlib.loads(text, "limits.charter", (CHARTERS,))
    reference = charterlib.loads(text, "limits.charter", (CHARTERS,), backend="reference")
    expected = {h["id"]: compiled.evaluate(h, "2005").to_json() for h in LIMIT_HOUSEHOLDS}
    assert expected == {h["id"]: reference.evaluate(h, "2005").to_json() for h in LIMIT_HOUSEHOLDS}
    register = tmp_path / "register.json"
    register.write_text(json.dumps(LIMIT_HOUSEHOLDS), encoding="utf-8")
    rows, _summary, issues = batch.results(compiled, register, "2005")
    assert not issues
    assert {r["household"]: r["total_cash"] for r in rows} == {k: v["total_cash"] for k, v in expected.items()}
    beyond = check_text(_shape(kind, n + 1), "limits.charter", (CHARTERS,))
    codes = {d.code for d in beyond.diagnostics if d.is_error}
    assert codes and codes <= {"expression-too-deep", "expression-too-long", "definitions-too-deep"}
    assert all(d.span is not None for d in beyond.diagnostics)


@pytest.mark.parametrize("kind", ["or", "plus"])
def test_long_runs_at_the_limit_compile_to_sql(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "limits.charter"
    path.write_text(_shape(kind, _largest_accepted(kind)), encoding="utf-8")
    code, out, err = run_cli("--path", str(CHARTERS), "compile", str(path), "--sql", "--period", "2005")
    assert code == 0, err
    assert "Traceback" not in out + err


def test_deep_nesting_at_the_limit_compiles_to_sql(tmp_path: Path) -> None:
    path = tmp_path / "limits.charter"
    path.write_text(_shape("max", _largest_accepted("max")), encoding="utf-8")
    code, _out, err = run_cli("--path", str(CHARTERS), "compile", str(path), "--sql", "--period", "2005")
    assert code == 0, err


@pytest.mark.parametrize(("text", "code"), [
    ("define r = " + " or ".join(["rural"] * 5000) + "\n", "expression-too-long"),
    ("define s = " + "(" * 3000 + "1" + ")" * 3000 + " + " + "(1 + " * 3000 + "1" + ")" * 3000 + "\n",
     "expression-too-deep"),
    ("define r = " + "not " * 3000 + "rural\n", "expression-too-deep"),
    ("".join(f"define d{i} = d{i + 1}\n" for i in range(3000)) + "define d3000 = 1\n", "definitions-too-deep"),
    ("".join(f"define d{i} = d{i + 1}\n" for i in range(3000)) + "define d3000 = d0\n", "definition-cycle"),
])
def test_checking_never_recurses_past_pythons_limit(text: str, code: str) -> None:
    import inspect
    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 400)  # far less than the default
    try:
        result = check_text(LIMIT_HEAD + text, "limits.charter", (CHARTERS,))
    finally:
        sys.setrecursionlimit(limit)
    assert [d.code for d in result.diagnostics if d.is_error] == [code]


@pytest.mark.parametrize(("literal", "accepted"), [
    ("9223372036854775807", True), ("9223372036854775808", False), ("1" + "0" * 5000, False),
    ("9999999999999999.99 yuan", True), ("99999999999999999 yuan", False), ("1" + "0" * 5000 + " yuan", False),
    ("9999999999999999999999999999.9999999999", True), ("0.12345678901", False),
    ("99999999999999999999999999999.5", False),
    ("9998 years", True), ("9999 years", False), ("3652058 days", True), ("3652059 days", False),
    ("119987 months", True), ("99999999999999999999999 months", False),
])
def test_literals_out_of_the_shared_ranges_are_located_errors(literal: str, accepted: bool) -> None:
    result = check_text(LIMIT_HEAD + f"define x = {literal}\n", "limits.charter", (CHARTERS,))
    assert result.ok == accepted, [d.message for d in result.diagnostics]
    if not accepted:
        [diagnostic] = [d for d in result.diagnostics if d.is_error]
        assert diagnostic.code == "number-out-of-range" and diagnostic.span is not None
        assert diagnostic.span.line == 7


def test_huge_counts_in_the_adoption_record_and_examples_are_located_errors() -> None:
    text = LIMIT_HEAD.replace("  in force", '  adopted 2003-01-01 by "x" present ' + "9" * 4301 + " of 520\n  in force")
    assert errors(text) == ["number-out-of-range"]
    example = (LIMIT_HEAD + 'example e "e":\n  household "E": village = "x"\n'
               '    person "P": role = wife, sex = female, birth_date = 1970-01-01, name = "x"\n'
               '  expect eligible nothing "P" on 2005-01-01\n')
    assert "number-out-of-range" in errors(example.replace('village = "x"', "village = " + "1" * 5000))


def test_the_largest_integer_evaluates_alike_in_every_engine(tmp_path: Path) -> None:
    import charterlib
    from charterlib import batch

    text = LIMIT_HEAD + ('define big = 9223372036854775807\n\nbenefit b "t":\n  once on 2005-06-01\n'
                         '  when big > 9223372036854775806 and rural\n  pay 9999999999999999.99 yuan\n')
    register = tmp_path / "register.json"
    register.write_text(json.dumps(LIMIT_HOUSEHOLDS), encoding="utf-8")
    results = [charterlib.loads(text, "limits.charter", (CHARTERS,), backend=b).evaluate(LIMIT_HOUSEHOLDS[0], "2005")
               for b in ("compiled", "reference")]
    assert results[0].total_cash == results[1].total_cash == Decimal("9999999999999999.99")
    rows, _, issues = batch.results(charterlib.loads(text, "limits.charter", (CHARTERS,)), register, "2005")
    assert not issues
    assert {r["household"]: r["total_cash"] for r in rows} == {"L-1": "9999999999999999.99", "L-2": "0.00"}


def test_nth_far_past_any_household_is_missing_in_batch_too(tmp_path: Path) -> None:
    import charterlib
    from charterlib import batch

    text = LIMIT_HEAD + ('define d = nth(children, 9999999999)\n\nbenefit b "t":\n  every month on last day\n'
                         '  when d is missing\n  pay 10 yuan\n')
    charter = charterlib.loads(text, "limits.charter", (CHARTERS,))
    register = tmp_path / "register.json"
    register.write_text(json.dumps(LIMIT_HOUSEHOLDS), encoding="utf-8")
    rows, _, issues = batch.results(charter, register, "2005")
    assert not issues
    assert {r["household"]: r["total_cash"] for r in rows} == {"L-1": "120.00", "L-2": "120.00"}
    assert charter.evaluate(LIMIT_HOUSEHOLDS[0], "2005").total_cash == Decimal("120.00")


# ---------------------------------------------------------------- finding charters (issue 8, item 16)

def _check_in_thread(path: Path, *search: Path) -> Any:
    """Check a file in a thread, so that a hang fails the test instead of blocking the suite."""
    import threading

    found: list[Any] = []
    worker = threading.Thread(target=lambda: found.append(Library(list(search)).check_file(path)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert found, "checking did not finish"
    return found[0]


def _village(folder: Path, parent: str) -> Path:
    path = folder / "village.charter"
    path.write_text(f'charter village "村"\n  extends {parent}\n  in force 2005-01-01\n', encoding="utf-8")
    return path


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    """A folder of charters beside files named `*.charter` that are no charter files."""
    import os

    folder = tmp_path / "charters"
    folder.mkdir()
    (folder / "folder.charter").mkdir()
    (folder / "binary.charter").write_bytes(bytes(range(256)) * 8)
    os.mkfifo(folder / "fifo.charter")
    (folder / "zero.charter").symlink_to("/dev/zero")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-LINE-1\nSECRET-LINE-2\n", encoding="utf-8")
    (folder / "secret.charter").symlink_to(secret)
    return folder


def test_an_unknown_parent_is_looked_up_past_files_that_are_no_charters(odd_folder: Path) -> None:
    result = _check_in_thread(_village(odd_folder, "nowhere"), CHARTERS)
    assert [d.code for d in result.diagnostics if d.is_error] == ["unknown-charter"]


@pytest.mark.parametrize(("parent", "reason"), [
    ("fifo", "named pipe"), ("binary", "not UTF-8"), ("zero", "outside the folders"),
    ("secret", "outside the folders"),
])
def test_a_parent_that_is_no_charter_file_is_a_sentence(odd_folder: Path, parent: str, reason: str) -> None:
    result = _check_in_thread(_village(odd_folder, parent))
    [error] = [d for d in result.diagnostics if d.is_error]
    text = error.render()
    assert reason in text
    assert "SECRET" not in text


def test_a_link_to_a_charter_in_a_folder_searched_is_followed(tmp_path: Path) -> None:
    folder = tmp_path / "village"
    folder.mkdir()
    (folder / "hongshandian.charter").symlink_to(CHARTERS / "hongshandian.charter")
    assert _check_in_thread(_village(folder, "hongshandian"), CHARTERS).ok
    assert not _check_in_thread(_village(folder, "hongshandian")).ok  # charters/ is not searched


@pytest.mark.parametrize("name", ["fifo.charter", "zero.charter", "folder.charter", "binary.charter"])
def test_a_file_named_on_the_command_line_that_is_no_charter_file_is_a_sentence(odd_folder: Path, name: str) -> None:
    from charterlib.common.source import SourceFile

    if name == "folder.charter":
        with pytest.raises(OSError, match="a folder"):
            SourceFile.read(odd_folder / name)
        return
    result = _check_in_thread(odd_folder / name)
    assert [d.code for d in result.diagnostics] == ["unreadable-file"]


def test_a_charter_file_larger_than_the_bound_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from charterlib.common.source import MAX_SOURCE_BYTES

    path = tmp_path / "big.charter"
    path.write_bytes(b"#" * (MAX_SOURCE_BYTES + 1))
    result = Library().check_file(path)
    assert [d.code for d in result.diagnostics] == ["unreadable-file"]
    assert "MiB" in result.diagnostics[0].message


def test_a_missing_parent_is_said_once(tmp_path: Path) -> None:
    text = (CHARTERS / "zhazi.charter").read_text(encoding="utf-8").replace("extends hongshandian", "extends nowhere")
    path = tmp_path / "zhazi.charter"
    path.write_text(text, encoding="utf-8")
    result = Library().check_file(path)
    assert [d.code for d in result.diagnostics if d.is_error] == ["unknown-charter"]
    assert "--path" in result.diagnostics[0].help


# ---------------------------------------------------------------- a definition named like a label (item 23)

@pytest.mark.parametrize("declaration", [
    'define wife "女方" = nth(members where role = wife, 1)',
    "define wife = the(members where role = wife)",
    "parameter other = 3",
])
def test_a_definition_or_parameter_named_like_a_label_is_diagnosed_at_its_declaration(declaration: str) -> None:
    text = VILLAGE + declaration + '\n\nbenefit b "b":\n  every year on 12-31\n  when any(members, role = wife)\n  pay 1 yuan\n'
    result = check_text(text, "test.charter", search_path=(CHARTERS,))
    [error] = [d for d in result.diagnostics if d.is_error]
    assert error.code == "label-shadowed"
    assert error.span is not None and error.span.line == 5
    name = declaration.split()[1]
    assert f"`{name}`" in error.message and "`role`" in error.message
    if name == "wife":  # where the label is meant
        assert [note.span.line for note in error.notes if note.span is not None][-1] == 9


@pytest.mark.parametrize("declarations, line, words, declared_at", [
    # a title that names a label is one of its spellings (`role = 妻子`)
    ('define 妻子 "女方" = nth(members where role = wife, 1)\n', 5, "`妻子`, the title of the label `wife` of `role`",
     "family_planning.charter"),
    # the label of a category it inherits
    ("define death = 3\n", 5, "the label `death` of `situation`", "categories.charter:12"),
])
def test_a_declaration_spelt_like_a_label_or_its_title_is_label_shadowed(declarations: str, line: int, words: str,
                                                                        declared_at: str) -> None:
    village = VILLAGE.replace("hongshandian", "categories") if "death" in declarations else VILLAGE
    result = check_text(village + declarations, "v.charter", search_path=(CHARTERS, ROOT / "tests" / "fixtures"))
    [error] = [d for d in result.diagnostics if d.is_error]
    assert error.code == "label-shadowed" and words in error.message, error.message
    assert error.span is not None and error.span.line == line
    assert declared_at in str(error.notes[0].span) and "is declared here" in error.notes[0].message


def test_a_field_label_spelt_like_an_inherited_definition_is_label_shadowed() -> None:
    # hongshandian defines `children`: a village field may not give its enumeration that label
    text = VILLAGE + 'household fields:\n  kind: enum {children, others} "户别"\n'
    result = check_text(text, "v.charter", search_path=(CHARTERS,))
    [error] = [d for d in result.diagnostics if d.is_error]
    assert error.code == "label-shadowed" and "the definition `children` of `hongshandian`" in error.message
    assert error.span is not None and error.span.text == "children" and error.span.line == 6
    assert error.notes[0].span is not None and "hongshandian.charter" in error.notes[0].span.file


def test_a_definition_among_the_arms_of_a_category_is_said_to_take_a_labels_name() -> None:
    text = VILLAGE + "define situation = if rural then death else disability\ndefine death = 3\n"
    [error] = [d for d in check_text(text, "v.charter", search_path=(CHARTERS,)).diagnostics if d.is_error]
    assert error.code == "mixed-arms" and "`death`, a definition," in error.message
    assert "the definition takes its name" in error.help


def test_two_enumerations_may_share_a_label() -> None:
    # the vocabulary's `role` and `left_for` both have `other`, and a category may have it too
    text = VILLAGE + ("define kind = if rural then other else townsfolk\n\n"
                      'benefit b "b":\n  every year on 12-31\n  when kind = other and any(members, role = other)\n'
                      "  pay 1 yuan\n")
    result = check_text(text, "v.charter", search_path=(CHARTERS,))
    assert result.ok, [d.message for d in result.diagnostics]


# ---------------------------------------------------------------- names that look alike (item 19)

def test_a_name_with_a_look_alike_letter_is_warned_about() -> None:
    text = VILLAGE + 'define rur\u0430l = true\n\nbenefit b "b":\n  every year on 12-31\n  when rur\u0430l\n  pay 1 yuan\n'
    result = check_text(text, "v.charter", search_path=(CHARTERS,))
    assert result.ok
    [warning] = result.diagnostics
    assert warning.code == "confusable-name" and "`rural`" in warning.message and "U+0430" in warning.message
    assert warning.span is not None and warning.span.line == 5


def test_chinese_names_and_full_width_names_without_a_twin_are_not_confusable() -> None:
    text = VILLAGE + 'define 学龄女儿 = children where sex = female\ndefine ｘｙ = 1\n'
    assert not check_text(text, "v.charter", search_path=(CHARTERS,)).diagnostics


# ---------------------------------------------------------------- grants in kind in examples (item 20)

GRANTS = VILLAGE + '''benefit calendar "年历":
  every year on 12-31
  when rural
  grant

benefit schoolbag "书包":
  for each child in children
  every year on 09-01
  grant

example grants "实物":
  period 2005
  household "G-1": village = "x", rural = true
    person "G-1-w": role = wife, sex = female, birth_date = 1975-01-01
    person "G-1-c": role = child, sex = male, birth_date = 1998-01-01
'''


def test_a_household_grant_is_expected_without_a_person_and_runs() -> None:
    import charterlib

    text = GRANTS + ('  expect in kind calendar on 2005-12-31\n'
                     '  expect in kind schoolbag "G-1-c" on 2005-09-01\n')
    [outcome] = charterlib.loads(text, "v.charter", (CHARTERS,)).run_examples()
    assert outcome.passed, outcome.failures
    wrong_day = charterlib.loads(text.replace("2005-12-31", "2005-12-30"), "v.charter", (CHARTERS,))
    [outcome] = wrong_day.run_examples()
    assert outcome.failures == ("expected in-kind calendar to the household on 2005-12-30, not granted",
                                "unexpected in-kind grant calendar to the household on 2005-12-31")


@pytest.mark.parametrize(("line", "code"), [
    ('  expect in kind calendar "G-1-w" on 2005-12-31\n', "expectation-mismatch"),
    ("  expect in kind schoolbag on 2005-09-01\n", "expectation-mismatch"),
    ('  expect in kind schoolbag "nobody" on 2005-09-01\n', "unknown-member"),
    ("  expect in kind health_fee on 2005-09-01\n", "expectation-mismatch"),
])
def test_an_in_kind_expectation_names_a_member_exactly_when_the_grant_is_per_person(line: str, code: str) -> None:
    result = check_text(GRANTS + line, "v.charter", search_path=(CHARTERS,))
    [error] = [d for d in result.diagnostics if d.is_error]
    assert error.code == code
    assert error.span is not None and error.span.line == 20


def test_every_person_has_a_birth_date_declared_or_not(tmp_path: Path) -> None:
    head = 'charter t "t"\n  level town\n  in force 2004-01-01\n\nhousehold fields:\n  village: text "村"\n\n'
    body = 'define n = count(members)\n\nbenefit b "t":\n  every month on last day\n  when n > 0\n  pay 1 yuan\n'
    wrong = check_text(head + 'person fields:\n  birth_date: optional date "生"\n\n' + body, "t.charter", ())
    assert [d.code for d in wrong.diagnostics if d.is_error] == ["birth-date-field"]
    charter = charterlib.loads(head + body, "t.charter")
    assert [f.name for f in charter.ir.person_fields] == ["birth_date"]
    register = [{"id": "A", "village": "v", "members": [{"id": "A1", "birth_date": "2005-06-01"}, {"id": "A2"}]},
                {"id": "B", "village": "v", "members": [{"id": "B1", "birth_date": "2005-06-01"}]}]
    items = list(charter.evaluate_register([(str(i), r) for i, r in enumerate(register)], "2005"))
    assert [i.result.cash if i.result else [x.path for x in i.issues] for i in items] == [
        ["members[1].birth_date"], {"b": Decimal("7.00")}]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(register), encoding="utf-8")
    rows, summary, _ = batch.results(charter, path, "2005")
    assert [r["cash"] for r in rows] == [{"b": "7.00"}] and summary.with_errors == 1
