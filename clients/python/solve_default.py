#!/usr/bin/env python3
"""A planner's script: fetch the default US-Canada instance from a StockpileOptimizer
server, optionally change a few numbers, solve it and print the plan as tables, then why.

    /usr/bin/python3 clients/python/solve_default.py localhost:5080
    /usr/bin/python3 clients/python/solve_default.py localhost:5080 --mode independent --budget US=2e9
    /usr/bin/python3 clients/python/solve_default.py localhost:5080 --no-explain

The "Why" section (SolveOptions.explain) gives the marginal value of each stockpile, the tier
steps, the floor payments of each commitment, each build's value and the materials that are
never short; it costs one re-solve per investment, so --no-explain is quicker.

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
    parser.add_argument("--no-explain", action="store_true", help="skip the Why section (quicker)")
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


def print_plan(instance, result):
    facts = result.solver
    termination = stubs.result.Termination.Name(facts.termination)
    print(f"Instance:    {instance.name} (format version {instance.format_version or 1})")
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
    table("Stockpiles (t: held at the start + added by the plan)",
          ["country", "material", "existing", "added", "total", "months of cover"],
          [[s.country, s.material, f"{s.existing_tonnes:,.1f}", f"{s.tonnes:,.1f}", f"{s.existing_tonnes + s.tonnes:,.1f}",
            f"{s.months_of_cover:.1f}"] for s in policy.stockpiles], "llrrrr")
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
    if kpis.expected_tariff_revenue:
        table("Expected tariff revenue (reported, not in the loss)", ["country", "USD"],
              [[r.country, usd(r.usd)] for r in kpis.expected_tariff_revenue], "lr")
    if result.HasField("explanation"):
        print_why(result.explanation)
    return True


def periods(labels):
    """'2027Q1, 2027Q2' or, when long, '2027Q1, 2027Q2, ..., 2028Q4 (8 periods)'."""
    labels = list(labels)
    return ", ".join(labels) if len(labels) <= 3 else f"{labels[0]}, {labels[1]}, ..., {labels[-1]} ({len(labels)} periods)"


def optional_usd(message, field):
    """A DoubleValue that is unset when a re-solve was infeasible."""
    return usd(getattr(message, field).value) if message.HasField(field) else "-"


def print_why(why):
    """The explanation (result.proto, PlanExplanation) as tables."""
    print("\nWhy (marginal values from the LP with tiers and builds fixed; builds by a re-solve with each flipped)")
    table("Why: stockpiles", ["country", "material", "added t", "marginal USD/t", "expected released t",
                              "expected short t", "release windows"],
          [[s.country, s.material, f"{s.tonnes:,.1f}", f"{s.marginal_value_usd_per_tonne:,.0f}",
            f"{s.expected_released_tonnes:,.1f}", f"{s.expected_shortage_tonnes:,.1f}",
            "; ".join(f"{r.scenario} {periods(r.periods)} {r.tonnes:,.1f} t" for r in s.releases) or "-"]
           for s in why.stockpiles], "llrrrrl")

    def step(t, name):
        if not t.HasField(name):
            return "-"
        s = getattr(t, name)
        change = optional_usd(s, "objective_change_usd")
        return f"{s.tier}: {usd(s.extra_cost_usd)} USD, {s.extra_induced_tonnes:+,.1f} t, objective {change}"
    table("Why: tax-credit tiers", ["country", "material", "tier", "cost USD", "induced t", "one up", "one down"],
          [[t.country, t.material, t.tier, usd(t.cost_usd), f"{t.induced_tonnes:,.1f}", step(t, "up"), step(t, "down")]
           for t in why.tiers], "lllrrll")
    table("Why: buyer-of-last-resort commitments", ["country", "producer", "t/period", "expected floor payments USD",
                                                    "fee USD", "capacity kept alive"],
          [[c.country, c.producer, f"{c.tonnes_per_period:,.1f}", usd(c.expected_floor_payments_usd), usd(c.expected_fee_usd),
            "; ".join(f"{k.scenario} {periods(k.periods)} {k.tonnes_per_period:,.1f} t/period" for k in c.capacity_kept_alive) or "-"]
           for c in why.commitments], "llrrrl")
    table("Why: investments", ["investment", "build", "value USD", "objective if flipped USD", "flipped re-solve"],
          [[b.investment, "yes" if b.build else "no", optional_usd(b, "value_usd"),
            optional_usd(b, "objective_if_flipped_usd"), b.termination] for b in why.investments], "llrrl")
    table("Never short", ["country", "material", "reason", "detail"],
          [[n.country, n.material, n.reason, n.detail] for n in why.never_short], "llll")


def main():
    args = parse_args()
    metadata = api_key_metadata(args.api_key)
    with channel(args.address) as ch:
        client = stubs.grpc.StockpileServiceStub(ch)
        try:
            default = client.GetDefaultScenario(stubs.service.GetDefaultScenarioRequest(), timeout=30, metadata=metadata)
            instance = default.instance
            edit(instance, args)
            options = stubs.service.SolveOptions(explain=not args.no_explain)
            request = stubs.service.SolveRequest(instance=instance, options=options)
            result = client.Solve(request, timeout=args.timeout, metadata=metadata)
        except grpc.RpcError as error:
            print(describe(error), file=sys.stderr)
            return 1
    return 0 if print_plan(instance, result) else 2


if __name__ == "__main__":
    sys.exit(main())
