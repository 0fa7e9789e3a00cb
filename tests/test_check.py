"""Stage 2: checking — names, types, inheritance, and the typed representation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from charterlib.check import Library, check_file, check_text, ir
from charterlib.check.types import BOOL, DATE, INT, MONEY
from conftest import CHARTERS, run_cli

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
