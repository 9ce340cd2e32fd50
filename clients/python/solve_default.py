#!/usr/bin/env python3
"""A planner's script: fetch the default US-Canada instance from a StockpileOptimizer
server, optionally change a few numbers, solve it and print the plan as tables.

    /usr/bin/python3 clients/python/solve_default.py localhost:5080
    /usr/bin/python3 clients/python/solve_default.py localhost:5080 --mode independent --budget US=2e9

Exit codes: 0 solved (a plan was found), 1 the call failed, 2 no plan (infeasible,
time limit or cancelled before a plan; the reason is printed).
"""

import argparse
import sys

import grpc

import stockpile_stubs
from stockpile_helpers import channel, describe, metadata as api_key_metadata, table, usd

stubs = stockpile_stubs.load()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address", help="server address, e.g. localhost:5080")
    parser.add_argument("--api-key", help='sent as the "x-api-key" metadata header')
    parser.add_argument("--timeout", type=float, default=300,
                        help="call deadline in seconds; the server solves for at most this, less a margin")
    parser.add_argument("--mode", choices=["joint", "independent"], help="cooperation mode")
    parser.add_argument("--budget", action="append", default=[], metavar="COUNTRY=USD",
                        help="override a country's budget for the horizon, e.g. US=2e9")
    return parser.parse_args()


def edit(instance, args):
    """Changes the few numbers given on the command line."""
    if args.mode:
        instance.policy.mode = stubs.instance.COOPERATION_MODE_JOINT if args.mode == "joint" \
            else stubs.instance.COOPERATION_MODE_INDEPENDENT
    for item in args.budget:
        country_id, _, usd = item.partition("=")
        matches = [c for c in instance.countries if c.id == country_id]
        if not matches:
            sys.exit(f"--budget: no country {country_id!r} (known: {', '.join(c.id for c in instance.countries)})")
        matches[0].budget_usd = float(usd)


def print_plan(name, result):
    facts = result.solver
    termination = stubs.result.Termination.Name(facts.termination)
    print(f"Instance:    {name}")
    print(f"Fingerprint: {result.fingerprint}")
    print(f"Termination: {termination}  ({facts.solver}, {facts.wall_seconds:.1f} s, "
          f"{facts.variables} variables, {facts.rows} rows)")
    if facts.HasField("objective_usd"):
        print(f"Objective:   {usd(facts.objective_usd.value)} USD (E[cost] + λ·CVaR), gap {facts.gap.value:.4%}")
    if facts.message:
        print(f"Note:        {facts.message}")
    if not result.HasField("policy"):
        if result.HasField("diagnosis"):
            print(f"\nInfeasible: {result.diagnosis.summary}")
        return False

    policy = result.policy
    table("Stockpiles", ["country", "material", "tonnes", "months of defence cover"],
          [[s.country, s.material, f"{s.tonnes:,.1f}", f"{s.months_of_cover:.1f}"] for s in policy.stockpiles], "llrr")
    table("Tax-credit tiers", ["country", "material", "tier", "rate", "induced tonnes"],
          [[t.country, t.material, t.tier, f"{t.rate:.0%}", f"{t.induced_tonnes:,.1f}"] for t in policy.tiers], "lllrr")
    table("Buyer-of-last-resort commitments", ["country", "producer", "tonnes/period"],
          [[c.country, c.producer, f"{c.tonnes_per_period:,.1f}"] for c in policy.commitments if c.tonnes_per_period > 0], "llr")
    table("Investments", ["investment", "build", "cost shares (USD)"],
          [[i.investment, "yes" if i.build else "no",
            ", ".join(f"{s.country} {usd(s.usd)}" for s in i.cost_shares if s.usd > 0) or "-"]
           for i in policy.investments], "lll")
    kpis = result.kpis
    table("Key figures", ["figure", "value"], [
        ["expected cost", f"{usd(kpis.expected_cost_usd)} USD"],
        ["CVaR of cost", f"{usd(kpis.cvar_cost_usd)} USD"],
        ["expected shortage", f"{kpis.expected_shortage_tonnes:,.1f} t"],
        ["CVaR of shortage", f"{kpis.cvar_shortage_tonnes:,.1f} t"],
    ], "lr")
    table("Budget use", ["country", "budget", "expected outlay", "worst outlay"],
          [[b.country, usd(b.budget_usd), usd(b.expected_outlay_usd), usd(b.worst_outlay_usd)] for b in kpis.budget_use], "lrrr")
    return True


def main():
    args = parse_args()
    metadata = api_key_metadata(args.api_key)
    with channel(args.address) as ch:
        client = stubs.grpc.StockpileServiceStub(ch)
        try:
            default = client.GetDefaultScenario(stubs.service.GetDefaultScenarioRequest(), timeout=30, metadata=metadata)
            instance = default.instance
            edit(instance, args)
            result = client.Solve(stubs.service.SolveRequest(instance=instance), timeout=args.timeout, metadata=metadata)
        except grpc.RpcError as error:
            print(describe(error), file=sys.stderr)
            return 1
    return 0 if print_plan(instance.name, result) else 2


if __name__ == "__main__":
    sys.exit(main())
