namespace StockpileOptimizer.Model.Tests.Checking;

using StockpileOptimizer.Domain;

/// <summary>
/// The release limit Rl[c,m,t,s] of docs/model.md "Derived data (v2)" for one scenario: the
/// shortage rule's gap with no investment built, need − guaranteed, in JOINT mode what the
/// country can send its partners short of the same material, and the raise each built
/// investment adds to it from its lead time on.
/// </summary>
internal sealed partial class ScenarioView
{
    /// <summary>Shortage gaps below this are 0.</summary>
    private const double GapFloor = 1e-9;

    /// <summary>guaranteed[c,m,t], computed once; NaN while being computed (a recipe cycle counts 0).</summary>
    private readonly Dictionary<(string, string, int), double> guaranteedMemo = [];

    /// <summary>R[c,m,t,s] of docs/model.md: the release limit, with the plan's builds, is above 0.</summary>
    public bool ReleaseAllowed(string c, string m, int t) => ReleaseLimit(c, m, t) > 0;

    /// <summary>
    /// The release limit with the plan's builds, tonnes of government and private releases
    /// together: emergency +∞ in a supply emergency, else 0; market +∞; shortage Rl (the own gap
    /// plus the partners' term) plus raise[g] for every built investment g (what the row
    /// release-limit allows with z fixed).
    /// </summary>
    public double ReleaseLimit(string c, string m, int t) => ctx.Economics.ReleaseRule switch
    {
        ReleaseRule.Market => double.PositiveInfinity,
        ReleaseRule.Emergency => Emergency(m, t) ? double.PositiveInfinity : 0,
        _ => BaseGap(c, m, t) + PartnerGaps(c, m, t) + Raises(c, m, t).Where(e => ctx.Built(e.Investment.Id)).Sum(e => e.Raise),
    };

    /// <summary>The own gap with no investment built: max(0, need − guaranteed), 0 below 1e-9 (Rl less the partners' term).</summary>
    public double BaseGap(string c, string m, int t) => Need(c, m, t) - Guaranteed(c, m, t) is var gap && gap > GapFloor ? gap : 0;

    /// <summary>
    /// The JOINT-mode term of Rl: Σ over the arcs c→c' of m (each sharing link of m that names
    /// c, towards its other country) of min(the arc's capacity, the partner's own gap with no
    /// investment built). 0 in INDEPENDENT mode, where there are no arcs.
    /// </summary>
    public double PartnerGaps(string c, string m, int t) => !ctx.Joint ? 0 : ctx.Instance.Sharing
        .Where(l => l.Material == m && (l.CountryA == c || l.CountryB == c))
        .Sum(l => Math.Min(l.TonnesPerPeriod, BaseGap(l.CountryA == c ? l.CountryB : l.CountryA, m, t)));

    /// <summary>
    /// raise[g] for each investment g on a producer of c that draws m, once its lead time has
    /// passed (t > lead_g, when its capacity is there): max(0, need + a[p,m]·added_g − guaranteed)
    /// less the own gap with no investment built (a build raises the country's own gap; the
    /// partners' term does not depend on it).
    /// </summary>
    public IEnumerable<(Investment Investment, double Raise)> Raises(string c, string m, int t)
    {
        foreach (var g in ctx.Instance.Investments.Where(g => t > g.LeadTimePeriods))
        {
            if (ctx.ProducersById.TryGetValue(g.Producer, out var p) && p.Country == c && CheckContext.Input(p, m) > 0)
            {
                var gap = Need(c, m, t) + (CheckContext.Input(p, m) * g.AddedCapacityTonnesPerPeriod) - Guaranteed(c, m, t);
                yield return (g, Math.Max(0, gap) - BaseGap(c, m, t));
            }
        }
    }

    /// <summary>need = Σ_k D[c,m,k,t,s] + Σ_{p ∈ P(c)} a[p,m]·capacity_p: final demand plus the recipes' draws at base capacity.</summary>
    public double Need(string c, string m, int t) => TotalDemand(c, m, t) + BaseDraws(c, m);

    /// <summary>
    /// guaranteed[c,m,t,s]: imports at the scenario's availability plus, for each producer of m
    /// in c, the base capacity no price war can have taken away (<see cref="WarSafeCapacity"/>)
    /// as far as its inputs are guaranteed (<see cref="InputSupported"/>): the less of the two.
    /// </summary>
    public double Guaranteed(string c, string m, int t)
    {
        if (guaranteedMemo.TryGetValue((c, m, t), out var memo))
        {
            return double.IsNaN(memo) ? 0 : memo;
        }
        guaranteedMemo[(c, m, t)] = double.NaN;
        var imports = ctx.Instance.Imports.Where(l => l.Country == c && l.Material == m)
            .Select(l => l.Source).Distinct().Sum(src => Avail(c, m, src, t));
        var domestic = ctx.Instance.Producers
            .Where(p => p.Country == c && p.Material == m)
            .Sum(p => WarSafeCapacity(p, t) is var safe && safe > 0 ? Math.Min(safe, InputSupported(p, t)) : 0);
        return guaranteedMemo[(c, m, t)] = imports + domestic;
    }

    /// <summary>
    /// The part of p's base capacity no price war can have taken away by period t: all of it
    /// with no war in periods 1..t, none in a war period, and after the last war period t_w
    /// what the ramp rebuilds since, min(capacity_p, ramp_p·(t − t_w)).
    /// </summary>
    public double WarSafeCapacity(Producer p, int t)
    {
        var lastWar = Enumerable.Range(1, t).LastOrDefault(t1 => PriceWar(p, t1));
        return lastWar == 0 ? p.CapacityTonnesPerPeriod
            : lastWar == t ? 0
            : Math.Min(p.CapacityTonnesPerPeriod, p.RampTonnesPerPeriod * (t - lastWar));
    }

    /// <summary>
    /// The output p's inputs guarantee, tonnes: for each input m', p's share of m''s guaranteed
    /// surplus over its final demand (shared among c's producers drawing m' in proportion to
    /// their draws at base capacity) in tonnes of output, surplus·(a·cap_p / draws) / a =
    /// cap_p·surplus/draws — the least over the inputs, at most cap_p (cap_p without inputs).
    /// </summary>
    private double InputSupported(Producer p, int t)
    {
        var cover = 1.0;
        foreach (var input in p.Inputs.Select(i => i.Material).Distinct().Where(i => CheckContext.Input(p, i) > 0))
        {
            var draws = BaseDraws(p.Country, input);
            var surplus = Math.Max(0, Guaranteed(p.Country, input, t) - TotalDemand(p.Country, input, t));
            cover = Math.Min(cover, draws > 0 ? surplus / draws : 1);
        }
        return p.CapacityTonnesPerPeriod * cover;
    }

    /// <summary>Σ_{p ∈ P(c)} a[p,m]·capacity_p: what c's recipes draw of m at base capacity.</summary>
    private double BaseDraws(string c, string m) =>
        ctx.Instance.Producers.Where(p => p.Country == c).Sum(p => CheckContext.Input(p, m) * p.CapacityTonnesPerPeriod);
}
