"""OpenFisca peer: the two rules of bench/simple.charter as a minimal OpenFisca tax-benefit system.

Runs with the separate venv bench/.venv-openfisca (openfisca-core, numpy, pyarrow):

    bench/.venv-openfisca/bin/python bench/openfisca_model.py batch DATA_DIR OUT.parquet
    bench/.venv-openfisca/bin/python bench/openfisca_model.py batch-entities REGISTER.jsonl OUT.parquet [--limit K]
    bench/.venv-openfisca/bin/python bench/openfisca_model.py single RECORDS.jsonl [--runs R]

The system is built in code, with no country package: a person entity and a household entity whose
roles are husband, wife, child and other (households.md `role`), the input variables the rules
read, and two formulas:

- health_fee (household, MONTH): 10 when, on the month's last day, the household is rural, holds a
  one-child certificate issued on or before that day and has exactly one child born on or before it.
  For a year, `calculate_add` sums the twelve months.
- two_daughter_award (household, YEAR): 200 when preferential_cert_on falls in the year and on that
  day the household has exactly two children born, both daughters, and a husband or wife with
  contraception = sterilization adopted on or before that day.

A missing date (a certificate never issued, a method without its day) is the default value
9999-12-31 ("never"), so that "issued on or before day D" is false for it, as in charterlib.

batch: builds one simulation for the whole register from Parquet with the array-based
SimulationBuilder path (create_entities, declare_person_entity, declare_entity, join_with_persons,
build, then set_input of whole numpy columns), the path OpenFisca documents for data tables and by far
its fastest: build_from_entities wants one dict per person and per household, walks them in Python
and looks every member up in the list of person ids (quadratic), so `batch-entities` (the same
computation through build_from_entities) is kept only to measure that difference on a sample.
single: build_from_entities + calculate for one household dict (the households.md JSON record).
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import ETERNITY, MONTH, YEAR
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

PERIOD = "2005"
IN_FORCE = np.datetime64("2004-01-01")
NEVER = dt.date(9999, 12, 31)

Household = build_entity(
    key="household", plural="households", label="户",
    roles=[
        {"key": "husband", "max": 1, "label": "丈夫"},
        {"key": "wife", "max": 1, "label": "妻子"},
        {"key": "child", "plural": "children", "label": "子女"},
        {"key": "other", "plural": "others", "label": "其他"},
    ],
)
Person = build_entity(key="person", plural="persons", label="成员", is_person=True)


class Sex(Enum):
    female = "女"
    male = "男"


class Contraception(Enum):
    none = "未落实"
    iud = "上环"
    implant = "皮下埋植"
    sterilization = "绝育"


# ------------------------------------------------------------------ inputs
class rural(Variable):
    value_type = bool
    entity = Household
    definition_period = ETERNITY
    label = "农村户口"


class one_child_cert_on(Variable):
    value_type = dt.date
    default_value = NEVER
    entity = Household
    definition_period = ETERNITY
    label = "《独生子女父母光荣证》领证日"


class preferential_cert_on(Variable):
    value_type = dt.date
    default_value = NEVER
    entity = Household
    definition_period = ETERNITY
    label = "《计划生育优待证》领证日"


class birth_date(Variable):
    value_type = dt.date
    entity = Person
    definition_period = ETERNITY
    label = "出生日期"


class sex(Variable):
    value_type = Enum
    possible_values = Sex
    default_value = Sex.female
    entity = Person
    definition_period = ETERNITY
    label = "性别"


class contraception(Variable):
    value_type = Enum
    possible_values = Contraception
    default_value = Contraception.none
    entity = Person
    definition_period = ETERNITY
    label = "节育措施"


class contraception_on(Variable):
    value_type = dt.date
    default_value = NEVER
    entity = Person
    definition_period = ETERNITY
    label = "落实节育措施日"


# ------------------------------------------------------------------ the two rules
class health_fee(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    label = "独生子女保健费（每月10元）"

    def formula(household, period):
        day = np.datetime64(period.stop.date)  # judged on the month's last day
        born = household.members("birth_date", period) <= day
        children = household.sum(born, role=Household.CHILD)
        eligible = (household("rural", period)
                    & (household("one_child_cert_on", period) <= day)
                    & (children == 1)
                    & (day >= IN_FORCE))
        return np.where(eligible, 10, 0)


class two_daughter_award(Variable):
    value_type = int
    entity = Household
    definition_period = YEAR
    label = "两女户奖励（领证之日一次性200元）"

    def formula(household, period):
        day = household("preferential_cert_on", period)
        in_period = ((day >= np.datetime64(period.start.date))
                     & (day <= np.datetime64(period.stop.date))
                     & (day >= IN_FORCE))
        member_day = household.project(day)
        born = household.members("birth_date", period) <= member_day
        female = household.members("sex", period) == Sex.female
        children = household.sum(born, role=Household.CHILD)
        daughters = household.sum(born & female, role=Household.CHILD)
        sterilized = (born
                      & (household.members("contraception", period) == Contraception.sterilization)
                      & (household.members("contraception_on", period) <= member_day))
        spouse_sterilized = (household.any(sterilized, role=Household.HUSBAND)
                             | household.any(sterilized, role=Household.WIFE))
        return np.where(in_period & (children == 2) & (daughters == 2) & spouse_sterilized, 200, 0)


def build_system() -> TaxBenefitSystem:
    """The tax-benefit system: the two entities and the variables above."""
    system = TaxBenefitSystem([Person, Household])
    for variable in (rural, one_child_cert_on, preferential_cert_on, birth_date, sex, contraception,
                     contraception_on, health_fee, two_daughter_award):
        system.add_variable(variable)
    return system


def totals_of(simulation: Any, period: str = PERIOD) -> tuple[np.ndarray, np.ndarray]:
    """health_fee summed over the months of the period, and two_daughter_award for the period."""
    return (simulation.calculate_add("health_fee", period),
            simulation.calculate("two_daughter_award", period))


# ------------------------------------------------------------------ batch
def _dates(column: Any) -> np.ndarray:
    """A Parquet date column as datetime64[D], nulls as NEVER."""
    values = column.to_numpy(zero_copy_only=False).astype("datetime64[D]")
    return np.where(np.isnat(values), np.datetime64(NEVER), values)


def _codes(column: Any, labels: list[str]) -> np.ndarray:
    """The position of each value of a Parquet text column in `labels` (computed by Arrow: turning
    millions of strings into numpy strings first costs more than the whole calculation)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    codes = pc.index_in(column, value_set=pa.array(labels))
    if codes.null_count:
        raise ValueError(f"a value not in {labels}")
    return codes.to_numpy()


def batch(system: TaxBenefitSystem, data_dir: Path) -> tuple[list[str], np.ndarray, np.ndarray, dict]:
    """Build one simulation of every household of DATA_DIR's Parquet files and compute both rules.
    Returns the household ids, health_fee (2005), two_daughter_award (2005) and the timings."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    start = time.perf_counter()
    households = pq.read_table(data_dir / "households.parquet",
                               columns=["id", "rural", "one_child_cert_on", "preferential_cert_on"])
    persons = pq.read_table(data_dir / "persons.parquet",
                            columns=["household_id", "id", "role", "sex", "birth_date",
                                     "contraception", "contraception_on"])
    read = time.perf_counter()

    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("person", np.arange(persons.num_rows))
    group = builder.declare_entity("household", np.arange(households.num_rows))
    owner = pc.index_in(persons["household_id"], households["id"]).to_numpy()
    roles = [role.key for role in Household.flattened_roles]  # integer roles index this list
    builder.join_with_persons(group, owner, _codes(persons["role"], roles))
    simulation = builder.build(system)
    simulation.set_input("rural", ETERNITY, households["rural"].to_numpy())
    simulation.set_input("one_child_cert_on", ETERNITY, _dates(households["one_child_cert_on"]))
    simulation.set_input("preferential_cert_on", ETERNITY, _dates(households["preferential_cert_on"]))
    simulation.set_input("birth_date", ETERNITY, _dates(persons["birth_date"]))
    simulation.set_input("sex", ETERNITY, Sex.encode(_codes(persons["sex"], list(Sex.__members__))))
    simulation.set_input("contraception", ETERNITY, Contraception.encode(
        _codes(persons["contraception"], list(Contraception.__members__))))
    simulation.set_input("contraception_on", ETERNITY, _dates(persons["contraception_on"]))
    built = time.perf_counter()

    fee, award = totals_of(simulation)
    computed = time.perf_counter()
    timings = {"read_seconds": read - start, "build_seconds": built - read,
               "compute_seconds": computed - built}
    return households["id"].to_pylist(), fee, award, timings


def batch_from_entities(system: TaxBenefitSystem, records: list[dict[str, Any]]
                        ) -> tuple[list[str], np.ndarray, np.ndarray, dict]:
    """The same as `batch`, but through build_from_entities: one situation dict holding every
    household of `records` (households.md JSON). Measured only to show it is the slower path."""
    start = time.perf_counter()
    persons: dict[str, Any] = {}
    households: dict[str, Any] = {}
    for record in records:
        one = situation(record)
        persons.update(one["persons"])
        households.update(one["households"])
    converted = time.perf_counter()
    simulation = SimulationBuilder().build_from_entities(
        system, {"persons": persons, "households": households})
    built = time.perf_counter()
    fee, award = totals_of(simulation)
    computed = time.perf_counter()
    timings = {"convert_seconds": converted - start, "build_seconds": built - converted,
               "compute_seconds": computed - built}
    return list(households), fee, award, timings


# ------------------------------------------------------------------ single household
def situation(record: dict[str, Any]) -> dict[str, Any]:
    """The build_from_entities input for one households.md record."""
    persons: dict[str, Any] = {}
    roles: dict[str, list[str]] = {"husband": [], "wife": [], "children": [], "others": []}
    for m in record["members"]:
        person = {"birth_date": {"ETERNITY": m["birth_date"]}, "sex": {"ETERNITY": m["sex"]},
                  "contraception": {"ETERNITY": m.get("contraception", "none")}}
        if m.get("contraception_on") is not None:
            person["contraception_on"] = {"ETERNITY": m["contraception_on"]}
        persons[m["id"]] = person
        roles[{"child": "children", "other": "others"}.get(m["role"], m["role"])].append(m["id"])
    household: dict[str, Any] = {**roles, "rural": {"ETERNITY": record.get("rural", False)}}
    for field in ("one_child_cert_on", "preferential_cert_on"):
        if record.get(field) is not None:
            household[field] = {"ETERNITY": record[field]}
    return {"persons": persons, "households": {record["id"]: household}}


def single(system: TaxBenefitSystem, record: dict[str, Any], period: str = PERIOD) -> int:
    """Yuan paid to one household in the period: build_from_entities + calculate."""
    simulation = SimulationBuilder().build_from_entities(system, situation(record))
    fee, award = totals_of(simulation, period)
    return int(fee[0] + award[0])


def median_single_us(system: TaxBenefitSystem, records: list[dict[str, Any]], runs: int) -> float:
    """Median over the records of the median time of `single` (runs per record, after warm-up)."""
    medians = []
    for record in records:
        for _ in range(min(20, runs)):
            single(system, record)
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter_ns()
            single(system, record)
            samples.append(time.perf_counter_ns() - t0)
        medians.append(statistics.median(samples) / 1000)
    return statistics.median(medians)


def main() -> None:
    command = sys.argv[1]
    start = time.perf_counter()
    system = build_system()
    system_seconds = time.perf_counter() - start
    if command == "batch":
        import pyarrow as pa
        import pyarrow.parquet as pq

        data_dir, out = Path(sys.argv[2]), Path(sys.argv[3])
        start = time.perf_counter()
        ids, fee, award, timings = batch(system, data_dir)
        total = (fee + award).astype(np.int64)
        pq.write_table(pa.table({"household": ids,
                                 "total_cash": pa.array(total)}), out)  # yuan
        print(json.dumps({"peer": "openfisca", "seconds": time.perf_counter() - start,
                          "system_seconds": system_seconds, **timings,
                          "peak_rss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
    elif command == "batch-entities":
        import pyarrow as pa
        import pyarrow.parquet as pq

        records_path, out = Path(sys.argv[2]), Path(sys.argv[3])
        limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
        start = time.perf_counter()
        with open(records_path, encoding="utf-8") as f:
            records = [json.loads(line) for _, line in zip(range(limit or 10**12), f)]
        loaded = time.perf_counter()
        ids, fee, award, timings = batch_from_entities(system, records)
        pq.write_table(pa.table({"household": ids,
                                 "total_cash": pa.array((fee + award).astype(np.int64))}), out)
        print(json.dumps({"peer": "openfisca_entities", "households": len(records),
                          "seconds": time.perf_counter() - start, "load_seconds": loaded - start,
                          **timings,
                          "peak_rss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
    elif command == "single":
        records_path = Path(sys.argv[2])
        runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 200
        with open(records_path, encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
        totals = [single(system, r) for r in records]
        print(json.dumps({"peer": "openfisca", "single_us": median_single_us(system, records, runs),
                          "records": len(records), "totals": totals}))
    else:
        raise SystemExit(f"unknown command {command!r}: use batch or single")


if __name__ == "__main__":
    main()
