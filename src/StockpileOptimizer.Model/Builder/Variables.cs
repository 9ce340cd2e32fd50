using Google.OrTools.LinearSolver;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    // First stage: the policy.
    public Variable[,] X { get; private set; } = null!;
    /// <summary>Tier binaries per (c,m); null where no private-stock response is given.</summary>
    public Variable[]?[,] Y { get; private set; } = null!;
    public Variable[] Q { get; private set; } = null!;
    public Variable[] Z { get; private set; } = null!;
    public Variable[][] W { get; private set; } = null!;

    // Second stage, [.., t, s] with t = 0..H−1 standing for periods 1..H.
    public Table<CountryIndex, MaterialIndex, PeriodIndex, ScenarioIndex, Variable> Inventory { get; private set; } = null!;
    public Table<CountryIndex, MaterialIndex, PeriodIndex, ScenarioIndex, Variable> Release { get; private set; } = null!;
    public Table<CountryIndex, MaterialIndex, PeriodIndex, ScenarioIndex, Variable> Purchase { get; private set; } = null!;
    public Table<CountryIndex, MaterialIndex, PeriodIndex, ScenarioIndex, Variable> PrivateRelease { get; private set; } = null!;
    public Table<ProducerIndex, PeriodIndex, ScenarioIndex, Variable> Capacity { get; private set; } = null!;
    public Table<ProducerIndex, PeriodIndex, ScenarioIndex, Variable> Output { get; private set; } = null!;
    public Table<ProducerIndex, PeriodIndex, ScenarioIndex, Variable> BolrResold { get; private set; } = null!;
    public Table<ProducerIndex, PeriodIndex, ScenarioIndex, Variable> BolrStocked { get; private set; } = null!;
    public Variable[,,] Import { get; private set; } = null!;
    public Variable[,,] Transfer { get; private set; } = null!;
    /// <summary>Shortage u[c,m,k,t,s]; null where (c,m,k) has no demand.</summary>
    public Table<CountryIndex, MaterialIndex, SectorIndex, PeriodIndex, ScenarioIndex, Variable?> Shortage { get; private set; } = null!;
    public Variable[,] Fiscal { get; private set; } = null!;
    /// <summary>f[l,t,s]: commercial trade on link l (model v2).</summary>
    public Variable[,,] TradeFlow { get; private set; } = null!;
    /// <summary>A variable fixed at 1 carrying constant terms (null when the instance has none).</summary>
    public Variable? One { get; private set; }

    private void AddVariables()
    {
        var inf = double.PositiveInfinity;
        AddFirstStageVariables();

        Inventory = PerCountryMaterial("inventory");
        Release = PerCountryMaterial("release", emergencyOnly: true);
        Purchase = PerCountryMaterial("purchase");
        PrivateRelease = PerCountryMaterial("private-release", emergencyOnly: true);
        Capacity = PerProducer("operable");
        Output = PerProducer("output");
        // Take-or-pay contracts pay a top-up on q: the government buys no output through them.
        var bolrCap = d.TopUpContracts ? 0 : inf;
        BolrResold = PerProducer("bolr-resold", bolrCap);
        BolrStocked = PerProducer("bolr-stocked", bolrCap);

        Import = new Variable[d.Instance.Imports.Count, d.H, d.S];
        for (var i = 0; i < d.Instance.Imports.Count; i++)
        {
            var link = d.Instance.Imports[i];
            ForPeriodScenario((t, s) => Import[i, t, s] = NewVariable(0, inf,
                Name("import", link.Country, link.Material, link.Source, d.Id(t), d.Id(s))));
        }
        Transfer = new Variable[d.Arcs.Count, d.H, d.S];
        for (var a = 0; a < d.Arcs.Count; a++)
        {
            var arc = d.Arcs[a];
            ForPeriodScenario((t, s) => Transfer[a, t, s] = NewVariable(0, inf,
                Name("transfer", d.Id(arc.From) + "->" + d.Id(arc.To), d.Id(arc.Material), d.Id(t), d.Id(s))));
        }

        TradeFlow = new Variable[d.Trade.Count, d.H, d.S];
        for (var l = 0; l < d.Trade.Count; l++)
        {
            var link = d.Trade[l];
            ForPeriodScenario((t, s) => TradeFlow[l, t, s] = NewVariable(0, link.Capacity,
                Name("trade", d.Id(link.From) + "->" + d.Id(link.To), d.Id(link.Material), d.Id(t), d.Id(s))));
        }

        Shortage = new(d.Countries, d.Materials, d.Sectors, d.Periods, d.Scenarios);
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                foreach (var k in d.Sectors)
                {
                    if (!d.HasDemand(c, m, k))
                    {
                        continue;
                    }
                    ForPeriodScenario((t, s) => Shortage[c, m, k, t, s] = NewVariable(
                        0, d.Demand[c, m, k, t, s],
                        Name("shortage", d.Id(c), d.Id(m), d.Id(k), d.Id(t), d.Id(s))));
                }
            }
        }

        // Release revenue can exceed the outlay; without revenue every term is ≥ 0, as in v1.
        var fiscalLower = d.Economics.ReleasePriceFraction > 0 ? double.NegativeInfinity : 0;
        Fiscal = new Variable[d.C, d.S];
        foreach (var c in d.Countries)
        {
            foreach (var s in d.Scenarios)
            {
                Fiscal[c, s] = NewVariable(fiscalLower, inf, Name("outlay", d.Id(c), d.Id(s)));
            }
        }
        One = d.NeedsConstant ? NewVariable(1, 1, "one") : null;
    }

    /// <summary>x, y, q, z, w: the policy, the same in every scenario.</summary>
    private void AddFirstStageVariables()
    {
        var inf = double.PositiveInfinity;
        X = new Variable[d.C, d.M];
        Y = new Variable[]?[d.C, d.M];
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                X[c, m] = NewVariable(0, inf, Name("stockpile", d.Id(c), d.Id(m)));
                if (d.PrivateResponse[c, m] >= 0)
                {
                    Y[c, m] = Enumerable.Range(0, d.L).Select(l => NewBinary(
                        Name("tier", d.Id(c), d.Id(m), d.Instance.Tiers[l].Id))).ToArray();
                }
            }
        }
        // A commitment already signed is a floor under q (capped at the maximum, which validation enforces).
        Q = d.Producers.Select(p => NewVariable(
            Math.Min(d.Instance.Producers[p].SignedCommitmentTonnesPerPeriod, d.Instance.Producers[p].MaxCommitmentTonnesPerPeriod),
            d.Instance.Producers[p].MaxCommitmentTonnesPerPeriod,
            Name("bolr", d.Id(d.ProducerCountry[p]), d.Id(p)))).ToArray();
        Z = d.Investments.Select(g => NewBinary(Name("build", d.Id(g)))).ToArray();
        W = d.Investments.Select(g => d.Payers[g].Select(payer => NewVariable(
            0, inf, Name("share", d.Id(payer.Country), d.Id(g)))).ToArray()).ToArray();
    }

    /// <summary>
    /// With <paramref name="emergencyOnly"/> the variable is fixed at 0 where the release rule
    /// does not allow a release (v1: outside a supply emergency): strategic and credit-induced
    /// private stocks are not dumped in calm periods for revenue or to save holding cost.
    /// </summary>
    private Table<CountryIndex, MaterialIndex, PeriodIndex, ScenarioIndex, Variable> PerCountryMaterial(string name, bool emergencyOnly = false)
    {
        var vars = new Table<CountryIndex, MaterialIndex, PeriodIndex, ScenarioIndex, Variable>(d.Countries, d.Materials, d.Periods, d.Scenarios);
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                ForPeriodScenario((t, s) => vars[c, m, t, s] = NewVariable(
                    0, emergencyOnly ? ReleaseCap(c, m, t, s) : double.PositiveInfinity,
                    Name(name, d.Id(c), d.Id(m), d.Id(t), d.Id(s))));
            }
        }
        return vars;
    }

    /// <summary>
    /// Upper bound of a (private) release of (c,m) at (t,s): 0 where the release rule allows none;
    /// otherwise none (the shortage rule's gap is the release-limit row, which builds can raise).
    /// </summary>
    private double ReleaseCap(CountryIndex c, MaterialIndex m, PeriodIndex t, ScenarioIndex s) =>
        !d.MayRelease(c, m, t, s) ? 0 : d.Economics.ReleaseRule == Domain.ReleaseRule.Shortage ? double.PositiveInfinity : d.ReleaseLimit[c, m, t, s];

    /// <summary>The second-stage bounds a scenario sets: releases (emergencies) and shortages (demand).</summary>
    private void RebindVariables()
    {
        foreach (var c in d.Countries)
        {
            foreach (var m in d.Materials)
            {
                ForPeriodScenario((t, s) =>
                {
                    Release[c, m, t, s].SetBounds(0, ReleaseCap(c, m, t, s));
                    PrivateRelease[c, m, t, s].SetBounds(0, ReleaseCap(c, m, t, s));
                    foreach (var k in d.Sectors)
                    {
                        Shortage[c, m, k, t, s]?.SetBounds(0, d.Demand[c, m, k, t, s]);
                    }
                });
            }
        }
    }

    private Table<ProducerIndex, PeriodIndex, ScenarioIndex, Variable> PerProducer(string name, double upper = double.PositiveInfinity)
    {
        var vars = new Table<ProducerIndex, PeriodIndex, ScenarioIndex, Variable>(d.Producers, d.Periods, d.Scenarios);
        foreach (var p in d.Producers)
        {
            ForPeriodScenario((t, s) => vars[p, t, s] = NewVariable(0, upper, Name(name, d.Id(p), d.Id(t), d.Id(s))));
        }
        return vars;
    }

    private void ForPeriodScenario(Action<PeriodIndex, ScenarioIndex> body)
    {
        foreach (var s in d.Scenarios)
        {
            foreach (var t in d.Periods)
            {
                body(t, s);
            }
        }
    }
}
