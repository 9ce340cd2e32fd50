#!/usr/bin/env python3
"""A what-if sweep: change one number of the default instance, solve once per value, and
print a table of what each value gives.

    /usr/bin/python3 clients/python/what_if_sweep.py localhost:5080 \\
        --path countries[0].budgetUsd --values 4e8,6e8,8e8
    /usr/bin/python3 clients/python/what_if_sweep.py localhost:5080 \\
        --path policy.riskWeight --values 0,0.5,1 --mode independent

The instance is the server's default (GetDefaultScenario); `--path` is the field's JSON path
as the server's validation messages and the CLI's --set print it (lowerCamelCase, [i] or
[ID] for list items: countries[US].budgetUsd, demands[0].damageUsdPerTonne,
scenarios[1].probability ...). Each value is one Solve call; the table has the value, the
termination, the objective (E[cost] + λ·CVaR), the expected shortage and the stockpile
totals per country and overall.

Exit codes: 0 every value solved with a plan, 1 a call failed (the server's reason, with
the field at fault for invalid input, is printed), 2 some value had no plan, 3 a bad --path.
"""

import argparse
import sys

import grpc

import stockpile_stubs
from stockpile_helpers import PathError, channel, describe, metadata as api_key_metadata, set_path, table

stubs = stockpile_stubs.load()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address", help="server address, e.g. localhost:5080")
    parser.add_argument("--path", required=True, help="the field to change, e.g. countries[0].budgetUsd")
    parser.add_argument("--values", required=True, help="comma-separated values, e.g. 4e8,6e8,8e8")
    parser.add_argument("--mode", choices=["joint", "independent"], help="cooperation mode for every solve")
    parser.add_argument("--api-key", help='sent as the "x-api-key" metadata header')
    parser.add_argument("--timeout", type=float, default=300,
                        help="deadline of each solve in seconds; the server solves for at most this, less a margin")
    return parser.parse_args()


def sweep_rows(client, base, args, metadata):
    """Solves one copy of `base` per value; returns (value, result) pairs."""
    values = [v.strip() for v in args.values.split(",") if v.strip()]
    if not values:
        raise PathError("--values: give at least one value, e.g. 4e8,6e8")
    outcomes = []
    for text in values:
        instance = stubs.instance.StockpileInstance()
        instance.CopyFrom(base)
        set_path(instance, args.path, text)
        result = client.Solve(stubs.service.SolveRequest(instance=instance), timeout=args.timeout, metadata=metadata)
        termination = stubs.result.Termination.Name(result.solver.termination)
        print(f"{args.path} = {text}: {termination}", file=sys.stderr)
        outcomes.append((text, result))
    return outcomes


def print_table(path, countries, outcomes):
    header = [path, "termination", "objective (USD)", "expected shortage (t)"] \
        + [f"stockpile {c} (t)" for c in countries] + ["stockpile total (t)"]
    rows = []
    for text, result in outcomes:
        termination = stubs.result.Termination.Name(result.solver.termination).removeprefix("TERMINATION_")
        if not result.HasField("policy"):
            rows.append([text, termination, "-", "-"] + ["-" for _ in countries] + ["-"])
            continue
        per_country = {c: 0.0 for c in countries}
        for s in result.policy.stockpiles:
            per_country[s.country] = per_country.get(s.country, 0.0) + s.tonnes
        rows.append([text, termination, f"{result.solver.objective_usd.value:,.0f}",
                     f"{result.kpis.expected_shortage_tonnes:,.1f}"]
                    + [f"{per_country[c]:,.1f}" for c in countries] + [f"{sum(per_country.values()):,.1f}"])
    table(f"What if {path} were …", header, rows, "ll" + "r" * (len(header) - 2))


def main():
    args = parse_args()
    metadata = api_key_metadata(args.api_key)
    with channel(args.address) as ch:
        client = stubs.grpc.StockpileServiceStub(ch)
        try:
            base = client.GetDefaultScenario(stubs.service.GetDefaultScenarioRequest(), timeout=30, metadata=metadata).instance
            if args.mode:
                base.policy.mode = stubs.instance.COOPERATION_MODE_JOINT if args.mode == "joint" \
                    else stubs.instance.COOPERATION_MODE_INDEPENDENT
            outcomes = sweep_rows(client, base, args, metadata)
        except PathError as error:
            print(f"--path: {error}", file=sys.stderr)
            return 3
        except grpc.RpcError as error:
            print(describe(error), file=sys.stderr)
            return 1
    print(f"Instance: {base.name} (the server's default), one solve per value of {args.path}")
    print_table(args.path, [c.id for c in base.countries], outcomes)
    return 0 if all(result.HasField("policy") for _, result in outcomes) else 2


if __name__ == "__main__":
    sys.exit(main())
