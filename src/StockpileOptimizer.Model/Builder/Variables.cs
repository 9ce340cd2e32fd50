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
    public Variable[,,,] Inventory { get; private set; } = null!;
    public Variable[,,,] Release { get; private set; } = null!;
    public Variable[,,,] Purchase { get; private set; } = null!;
    public Variable[,,,] PrivateRelease { get; private set; } = null!;
    public Variable[,,] Capacity { get; private set; } = null!;
    public Variable[,,] Output { get; private set; } = null!;
    public Variable[,,] BolrResold { get; private set; } = null!;
    public Variable[,,] BolrStocked { get; private set; } = null!;
    public Variable[,,] Import { get; private set; } = null!;
    public Variable[,,] Transfer { get; private set; } = null!;
    /// <summary>Shortage u[c,m,k,t,s]; null where (c,m,k) has no demand.</summary>
    public Variable?[,,,,] Shortage { get; private set; } = null!;
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
                Name("import", link.Country, link.Material, link.Source, d.Period(t), d.ScenarioId(s))));
        }
        Transfer = new Variable[d.Arcs.Count, d.H, d.S];
        for (var a = 0; a < d.Arcs.Count; a++)
        {
            var arc = d.Arcs[a];
            ForPeriodScenario((t, s) => Transfer[a, t, s] = NewVariable(0, inf,
                Name("transfer", d.CountryId(arc.From) + "->" + d.CountryId(arc.To), d.MaterialId(arc.Material),
                    d.Period(t), d.ScenarioId(s))));
        }

        TradeFlow = new Variable[d.Trade.Count, d.H, d.S];
        for (var l = 0; l < d.Trade.Count; l++)
        {
            var link = d.Trade[l];
            ForPeriodScenario((t, s) => TradeFlow[l, t, s] = NewVariable(0, link.Capacity,
                Name("trade", d.CountryId(link.From) + "->" + d.CountryId(link.To), d.MaterialId(link.Material),
                    d.Period(t), d.ScenarioId(s))));
        }

        Shortage = new Variable?[d.C, d.M, d.K, d.H, d.S];
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                for (var k = 0; k < d.K; k++)
                {
                    if (!d.HasDemand(c, m, k))
                    {
                        continue;
                    }
                    int cc = c, mm = m, kk = k;
                    ForPeriodScenario((t, s) => Shortage[cc, mm, kk, t, s] = NewVariable(
                        0, d.Demand[cc, mm, kk, t, s],
                        Name("shortage", d.CountryId(cc), d.MaterialId(mm), d.SectorId(kk), d.Period(t), d.ScenarioId(s))));
                }
            }
        }

        // Release revenue can exceed the outlay; without revenue every term is ≥ 0, as in v1.
        var fiscalLower = d.Economics.ReleasePriceFraction > 0 ? double.NegativeInfinity : 0;
        Fiscal = new Variable[d.C, d.S];
        for (var c = 0; c < d.C; c++)
        {
            for (var s = 0; s < d.S; s++)
            {
                Fiscal[c, s] = NewVariable(fiscalLower, inf, Name("outlay", d.CountryId(c), d.ScenarioId(s)));
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
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                X[c, m] = NewVariable(0, inf, Name("stockpile", d.CountryId(c), d.MaterialId(m)));
                if (d.PrivateResponse[c, m] >= 0)
                {
                    Y[c, m] = Enumerable.Range(0, d.L).Select(l => NewBinary(
                        Name("tier", d.CountryId(c), d.MaterialId(m), d.Instance.Tiers[l].Id))).ToArray();
                }
            }
        }
        // A commitment already signed is a floor under q (capped at the maximum, which validation enforces).
        Q = Enumerable.Range(0, d.P).Select(p => NewVariable(
            Math.Min(d.Instance.Producers[p].SignedCommitmentTonnesPerPeriod, d.Instance.Producers[p].MaxCommitmentTonnesPerPeriod),
            d.Instance.Producers[p].MaxCommitmentTonnesPerPeriod,
            Name("bolr", d.CountryId(d.ProducerCountry[p]), d.ProducerId(p)))).ToArray();
        Z = Enumerable.Range(0, d.G).Select(g => NewBinary(
            Name("build", d.Instance.Investments[g].Id))).ToArray();
        W = Enumerable.Range(0, d.G).Select(g => d.Payers[g].Select(payer => NewVariable(
            0, inf, Name("share", d.CountryId(payer.Country), d.Instance.Investments[g].Id))).ToArray()).ToArray();
    }

    /// <summary>
    /// With <paramref name="emergencyOnly"/> the variable is fixed at 0 where the release rule
    /// does not allow a release (v1: outside a supply emergency): strategic and credit-induced
    /// private stocks are not dumped in calm periods for revenue or to save holding cost.
    /// </summary>
    private Variable[,,,] PerCountryMaterial(string name, bool emergencyOnly = false)
    {
        var vars = new Variable[d.C, d.M, d.H, d.S];
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                int cc = c, mm = m;
                ForPeriodScenario((t, s) => vars[cc, mm, t, s] = NewVariable(
                    0, emergencyOnly ? ReleaseCap(cc, mm, t, s) : double.PositiveInfinity,
                    Name(name, d.CountryId(cc), d.MaterialId(mm), d.Period(t), d.ScenarioId(s))));
            }
        }
        return vars;
    }

    /// <summary>
    /// Upper bound of a (private) release of (c,m) at (t,s): 0 where the release rule allows none;
    /// otherwise none (the shortage rule's gap is the release-limit row, which builds can raise).
    /// </summary>
    private double ReleaseCap(int c, int m, int t, int s) =>
        !d.MayRelease(c, m, t, s) ? 0 : d.Economics.ReleaseRule == Domain.ReleaseRule.Shortage ? double.PositiveInfinity : d.ReleaseLimit[c, m, t, s];

    /// <summary>The second-stage bounds a scenario sets: releases (emergencies) and shortages (demand).</summary>
    private void RebindVariables()
    {
        for (var c = 0; c < d.C; c++)
        {
            for (var m = 0; m < d.M; m++)
            {
                int cc = c, mm = m;
                ForPeriodScenario((t, s) =>
                {
                    Release[cc, mm, t, s].SetBounds(0, ReleaseCap(cc, mm, t, s));
                    PrivateRelease[cc, mm, t, s].SetBounds(0, ReleaseCap(cc, mm, t, s));
                    for (var k = 0; k < d.K; k++)
                    {
                        Shortage[cc, mm, k, t, s]?.SetBounds(0, d.Demand[cc, mm, k, t, s]);
                    }
                });
            }
        }
    }

    private Variable[,,] PerProducer(string name, double upper = double.PositiveInfinity)
    {
        var vars = new Variable[d.P, d.H, d.S];
        for (var p = 0; p < d.P; p++)
        {
            var pp = p;
            ForPeriodScenario((t, s) => vars[pp, t, s] = NewVariable(0, upper,
                Name(name, d.ProducerId(pp), d.Period(t), d.ScenarioId(s))));
        }
        return vars;
    }

    private void ForPeriodScenario(Action<int, int> body)
    {
        for (var s = 0; s < d.S; s++)
        {
            for (var t = 0; t < d.H; t++)
            {
                body(t, s);
            }
        }
    }
}
