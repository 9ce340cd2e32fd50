using StockpileOptimizer.Domain;
using LimitTable = StockpileOptimizer.Model.Builder.Table<StockpileOptimizer.Model.Builder.CountryIndex, StockpileOptimizer.Model.Builder.MaterialIndex, StockpileOptimizer.Model.Builder.PeriodIndex, StockpileOptimizer.Model.Builder.ScenarioIndex, double>;

namespace StockpileOptimizer.Model.Builder;

/// <summary>
/// How much stock of (c,m) the release rule lets out at (t,s) (docs/model.md, "Model v2"):
/// 0 where no release is allowed, +∞ where any amount is, and under the shortage rule the gap
/// the market cannot fill — a base gap from data, raised by each investment that is built.
/// </summary>
internal static class ReleaseRules
{
    /// <summary>A gap below this (tonnes) is rounding, not a shortage.</summary>
    private const double Tolerance = 1e-9;

    /// <param name="Base">Release limit without any investment built: 0, a gap, or +∞.</param>
    /// <param name="Raise">Per investment g, how much building it raises the limit (its producer's extra draws on m).</param>
    public sealed record Limits(LimitTable Base, LimitTable[] Raise);

    public static Limits Of(ModelData d)
    {
        var limits = new LimitTable(d.Countries, d.Materials, d.Periods, d.Scenarios);
        var raise = d.Investments.Select(_ => new LimitTable(d.Countries, d.Materials, d.Periods, d.Scenarios)).ToArray();
        var rule = d.Economics.ReleaseRule;
        foreach (var s in d.Scenarios)
        {
            foreach (var t in d.Periods)
            {
                var guaranteed = rule == ReleaseRule.Shortage ? Guaranteed(d, t, s) : null;
                foreach (var c in d.Countries)
                {
                    foreach (var m in d.Materials)
                    {
                        limits[c, m, t, s] = rule switch
                        {
                            ReleaseRule.Market => double.PositiveInfinity,
                            ReleaseRule.Emergency => d.Emergency[m, t, s] ? double.PositiveInfinity : 0,
                            _ => Gap(d, c, m, t, s, guaranteed![c, m], raise),
                        };
                    }
                }
            }
        }
        if (rule == ReleaseRule.Shortage)
        {
            AddPartnersGaps(d, limits);
        }
        return new Limits(limits, raise);
    }

    /// <summary>
    /// A country may also release what it can send to a partner short of the same material
    /// under the sharing agreement (JOINT mode: the arcs): its limit grows by
    /// Σ_{arcs c→c'} min(arc capacity, the partner's own gap) — without it, stock could not be
    /// shared with a partner whose shortage the agreement is there for.
    /// </summary>
    private static void AddPartnersGaps(ModelData d, LimitTable limits)
    {
        if (d.Arcs.Count == 0)
        {
            return;
        }
        var own = limits.Clone();
        foreach (var arc in d.Arcs)
        {
            foreach (var t in d.Periods)
            {
                foreach (var s in d.Scenarios)
                {
                    limits[arc.From, arc.Material, t, s] += Math.Min(arc.Capacity, own[arc.To, arc.Material, t, s]);
                }
            }
        }
    }

    /// <summary>
    /// The shortage rule's limit: what the country could need — final demand plus what its
    /// producers' recipes draw at base capacity — less what the scenario guarantees without
    /// stock (<see cref="Guaranteed"/>). Building investment g raises it to
    /// max(0, need + g's extra draws − guaranteed): the increment is recorded in
    /// <paramref name="raise"/> and enters the row with z[g].
    /// </summary>
    private static double Gap(ModelData d, CountryIndex c, MaterialIndex m, PeriodIndex t, ScenarioIndex s, double guaranteed, LimitTable[] raise)
    {
        var need = Demand(d, c, m, t, s);
        foreach (var p in d.Producers)
        {
            if (d.ProducerCountry[p] == c)
            {
                need += Ratio(d, p, m) * d.Instance.Producers[p].CapacityTonnesPerPeriod;
            }
        }
        var gap = Positive(need - guaranteed);
        foreach (var g in d.Investments)
        {
            var p = d.InvestmentProducer[g];
            var investment = d.Instance.Investments[g];
            if (d.ProducerCountry[p] == c && t + 1 > investment.LeadTimePeriods && Ratio(d, p, m) > 0)
            {
                raise[g][c, m, t, s] = Positive(need + Ratio(d, p, m) * investment.AddedCapacityTonnesPerPeriod - guaranteed) - gap;
            }
        }
        return gap;
    }

    /// <summary>
    /// What the scenario guarantees of each (c,m) at (t,s) without stock — a conservative
    /// estimate, so that the gap is never smaller than a shortage can be: imports at its
    /// availability, plus the base capacity of domestic producers that no price war has closed
    /// in periods 1..t, as far as their inputs are guaranteed. An input's guaranteed surplus
    /// over its own final demand is shared among the producers that draw it in proportion to
    /// their draws at base capacity. Materials are settled inputs first (recipes have no cycles).
    /// </summary>
    private static Table<CountryIndex, MaterialIndex, double> Guaranteed(ModelData d, PeriodIndex t, ScenarioIndex s)
    {
        var guaranteed = new Table<CountryIndex, MaterialIndex, double>(d.Countries, d.Materials);
        foreach (var c in d.Countries)
        {
            var settled = new bool[d.M];
            foreach (var m in d.Materials)
            {
                Settle(d, c, m, t, s, guaranteed, settled, depth: 0);
            }
        }
        return guaranteed;
    }

    private static void Settle(ModelData d, CountryIndex c, MaterialIndex m, PeriodIndex t, ScenarioIndex s,
        Table<CountryIndex, MaterialIndex, double> guaranteed, bool[] settled, int depth)
    {
        if (settled[m] || depth > d.M)
        {
            return;
        }
        var supply = 0.0;
        for (var i = 0; i < d.ImportCountry.Length; i++)
        {
            if (d.ImportCountry[i] == c && d.ImportMaterial[i] == m)
            {
                supply += d.ImportAvailability[i, t, s];
            }
        }
        foreach (var p in d.Producers)
        {
            if (d.ProducerCountry[p] != c || d.ProducerMaterial[p] != m)
            {
                continue;
            }
            var output = Reopened(d, p, t, s);
            foreach (var (input, ratio) in d.Inputs[p])
            {
                Settle(d, c, input, t, s, guaranteed, settled, depth + 1);
                var surplus = Positive(guaranteed[c, input] - Demand(d, c, input, t, s));
                var draws = 0.0;
                foreach (var q in d.Producers)
                {
                    draws += d.ProducerCountry[q] == c ? Ratio(d, q, input) * d.Instance.Producers[q].CapacityTonnesPerPeriod : 0;
                }
                var share = draws > 0 ? surplus * ratio * d.Instance.Producers[p].CapacityTonnesPerPeriod / draws : 0;
                output = Math.Min(output, share / ratio);
            }
            supply += output;
        }
        guaranteed[c, m] = supply;
        settled[m] = true;
    }

    private static double Demand(ModelData d, CountryIndex c, MaterialIndex m, PeriodIndex t, ScenarioIndex s)
    {
        var demand = 0.0;
        foreach (var k in d.Sectors)
        {
            demand += d.Demand[c, m, k, t, s];
        }
        return demand;
    }

    private static double Ratio(ModelData d, ProducerIndex p, MaterialIndex m)
    {
        foreach (var (input, ratio) in d.Inputs[p])
        {
            if (input == m)
            {
                return ratio;
            }
        }
        return 0;
    }

    /// <summary>
    /// Base capacity of producer p at (t,s) that no price war can have taken away: all of it if
    /// there was no war in periods 1..t; none in a war period; after the last war period t_w,
    /// what the ramp rebuilds from nothing since, min(capacity, ramp·(t − t_w)) — a producer the
    /// war closed (unbacked) comes back at its ramp rate.
    /// </summary>
    private static double Reopened(ModelData d, ProducerIndex p, PeriodIndex t, ScenarioIndex s)
    {
        var producer = d.Instance.Producers[p];
        for (var tt = t; tt.Value >= 0; tt = tt.Previous)
        {
            if (d.PriceWar[p, tt, s])
            {
                return Math.Min(producer.CapacityTonnesPerPeriod, producer.RampTonnesPerPeriod * (t - tt));
            }
        }
        return producer.CapacityTonnesPerPeriod;
    }

    private static double Positive(double value) => value > Tolerance ? value : 0;
}
