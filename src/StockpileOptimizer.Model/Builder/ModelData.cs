using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Model.Builder;

/// <summary>
/// The instance turned into dense indices and derived per-scenario series (prices,
/// availability, demand, price wars) as docs/model.md defines them. Built once per solve;
/// the builder trusts it (the instance was validated before).
/// </summary>
internal sealed class ModelData
{
    public StockpileInstance Instance { get; }
    public CooperationMode Mode { get; }
    /// <summary>The economics in force: the policy's v2 options resolved by format version.</summary>
    public Economics Economics { get; }
    public int C { get; }
    public int M { get; }
    public int K { get; }
    public int P { get; }
    public int G { get; }
    public int S { get; }
    public int L { get; }
    public int H { get; }
    public IReadOnlyList<string> PeriodLabels { get; }

    public IndexSet<CountryIndex> Countries => new(C);
    public IndexSet<MaterialIndex> Materials => new(M);
    public IndexSet<SectorIndex> Sectors => new(K);
    public IndexSet<ProducerIndex> Producers => new(P);
    public IndexSet<InvestmentIndex> Investments => new(G);
    public IndexSet<PeriodIndex> Periods => new(H);
    public IndexSet<ScenarioIndex> Scenarios => new(S);
    /// <summary>t = H − 1, the horizon's last period.</summary>
    public PeriodIndex LastPeriod => new(H - 1);
    /// <summary>
    /// Solver units per USD: money enters the solver scaled so that the largest budget is
    /// about 1,000 units (1e9 USD budgets are solved in millions) but no per-tonne cost falls
    /// below 1 unit; small hand cases stay at 1.
    /// </summary>
    public double MoneyScale { get; }

    /// <summary>Market price P[m,t,s], USD per tonne.</summary>
    public Table<MaterialIndex, PeriodIndex, ScenarioIndex, double> Price { get; }
    /// <summary>
    /// True where a supply emergency is declared for material m at (t,s): some event throttles
    /// an import source of m (availability below 1). Stockpiles are released only then.
    /// </summary>
    public Table<MaterialIndex, PeriodIndex, ScenarioIndex, bool> Emergency { get; }
    /// <summary>Demand D[c,m,k,t,s], tonnes; zero where no demand is given.</summary>
    public Table<CountryIndex, MaterialIndex, SectorIndex, PeriodIndex, ScenarioIndex, double> Demand { get; }
    /// <summary>Damage per tonne unmet for (c,m,k); NaN where no demand entry exists.</summary>
    public Table<CountryIndex, MaterialIndex, SectorIndex, double> Damage { get; }
    /// <summary>Availability of each import link per (t,s), tonnes.</summary>
    public double[,,] ImportAvailability { get; }
    public CountryIndex[] ImportCountry { get; }
    public MaterialIndex[] ImportMaterial { get; }
    public CountryIndex[] ProducerCountry { get; }
    public MaterialIndex[] ProducerMaterial { get; }
    /// <summary>True where producer p is in a price war at (t,s): price below its unit cost.</summary>
    public Table<ProducerIndex, PeriodIndex, ScenarioIndex, bool> PriceWar { get; }
    public ProducerIndex[] InvestmentProducer { get; }
    /// <summary>Countries that may pay for investment g, with share bounds, in this mode.</summary>
    public IReadOnlyList<(CountryIndex Country, double Min, double Max)>[] Payers { get; }
    /// <summary>Index into <see cref="StockpileInstance.PrivateStock"/> for (c,m), or −1.</summary>
    public Table<CountryIndex, MaterialIndex, int> PrivateResponse { get; }
    /// <summary>
    /// True when the model has binaries: a tier choice for some private-stock response, or an
    /// investment to build. Without them it is an LP.
    /// </summary>
    public bool HasIntegers => G > 0 || PrivateResponse.Values.Any(r => r >= 0);
    public IReadOnlyList<Arc> Arcs { get; }
    /// <summary>Defence demand per month for (c,m), from the base series.</summary>
    public Table<CountryIndex, MaterialIndex, double> DefenceDemandPerMonth { get; }
    /// <summary>All-sector demand per month for (c,m), from the base series (months of cover).</summary>
    public Table<CountryIndex, MaterialIndex, double> DemandPerMonth { get; }
    /// <summary>Government holdings G0[c,m] at t = 0, tonnes.</summary>
    public Table<CountryIndex, MaterialIndex, double> GovernmentHoldings { get; }
    /// <summary>Private holdings P0[c,m] at t = 0, tonnes.</summary>
    public Table<CountryIndex, MaterialIndex, double> PrivateHoldings { get; }
    /// <summary>Recipe of each producer: (input material, tonnes per tonne of output).</summary>
    public (MaterialIndex Material, double Ratio)[][] Inputs { get; }
    /// <summary>
    /// Most stock of (c,m) that may be released at (t,s) under the release rule with no
    /// investment built, government and private together: 0 (none), +∞ (any) or, under the
    /// shortage rule, the gap (ReleaseRules).
    /// </summary>
    public Table<CountryIndex, MaterialIndex, PeriodIndex, ScenarioIndex, double> ReleaseLimit { get; }

    /// <summary>Per investment g: how much building it raises <see cref="ReleaseLimit"/> (shortage rule).</summary>
    public Table<CountryIndex, MaterialIndex, PeriodIndex, ScenarioIndex, double>[] ReleaseLimitRaise { get; }

    /// <summary>Whether (c,m) at (t,s) may see a release at all: a positive limit, or one some build would raise.</summary>
    public bool MayRelease(CountryIndex c, MaterialIndex m, PeriodIndex t, ScenarioIndex s)
    {
        if (ReleaseLimit[c, m, t, s] > 0)
        {
            return true;
        }
        foreach (var raise in ReleaseLimitRaise)
        {
            if (raise[c, m, t, s] > 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The release limit with the builds <paramref name="built"/> (1 or 0 per investment).</summary>
    public double ReleaseLimitWith(IReadOnlyList<double> built, CountryIndex c, MaterialIndex m, PeriodIndex t, ScenarioIndex s)
    {
        var limit = ReleaseLimit[c, m, t, s];
        for (var g = 0; g < ReleaseLimitRaise.Length; g++)
        {
            limit += built[g] * ReleaseLimitRaise[g][c, m, t, s];
        }
        return limit;
    }
    public IReadOnlyList<TradeArc> Trade { get; }
    /// <summary>Duty τ[l,t,s] on trade link l, fraction of the price.</summary>
    public double[,,] TradeTariff { get; }
    /// <summary>Duty on sharing arc a at (t,s): 0 when exempt or without a trade link in its direction.</summary>
    public double[,,] ArcTariff { get; }
    /// <summary>The builder needs a variable fixed at 1 for constant terms (holding on G0, users' premium on demand).</summary>
    public bool NeedsConstant { get; }

    /// <summary>
    /// The largest budget is brought to about 1,000 units, unless that would push the largest
    /// per-tonne cost below 1 unit: a budget far above the costs (a loose row) must not shrink
    /// the costs under the solver's tolerances. Never above 1.
    /// </summary>
    private static double ScaleFor(StockpileInstance instance)
    {
        var largestBudget = instance.Countries.Select(c => c.BudgetUsd).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var budgetScale = Math.Pow(10, 3 - Math.Floor(Math.Log10(Math.Max(1, largestBudget))));
        var largestCost = instance.Materials.SelectMany(m => new[] { m.PriceUsdPerTonne, m.AcquisitionUsdPerTonne })
            .Concat(instance.Demands.Select(d => d.DamageUsdPerTonne))
            .Concat(instance.Producers.Select(p => p.FloorPriceUsdPerTonne))
            .Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var costScale = Math.Pow(10, -Math.Floor(Math.Log10(Math.Max(1, largestCost))));
        return Math.Min(1, Math.Max(budgetScale, costScale));
    }

    public sealed record Arc(CountryIndex From, CountryIndex To, MaterialIndex Material, double Capacity);

    public sealed record TradeArc(CountryIndex From, CountryIndex To, MaterialIndex Material, double Capacity);

    /// <summary>Users' premium above the normal price δ = (P − P̄)⁺, USD per tonne.</summary>
    public double Premium(MaterialIndex m, PeriodIndex t, ScenarioIndex s) => Math.Max(0, Price[m, t, s] - Instance.Materials[m].PriceUsdPerTonne);

    /// <summary>Users' premium on released stock δr = (π_r·P − P̄)⁺, USD per tonne.</summary>
    public double ReleasePremium(MaterialIndex m, PeriodIndex t, ScenarioIndex s) =>
        Math.Max(0, Economics.ReleasePriceFraction * Price[m, t, s] - Instance.Materials[m].PriceUsdPerTonne);

    /// <summary>Top-up of a take-or-pay contract (floor − P)⁺, USD per committed tonne in (t,s).</summary>
    public double TopUp(ProducerIndex p, PeriodIndex t, ScenarioIndex s) => Math.Max(0, Instance.Producers[p].FloorPriceUsdPerTonne - Price[ProducerMaterial[p], t, s]);

    /// <summary>Tie-breaking penalty ε[m] = 1e-4 · normal price, USD per tonne moved, released or held (0 when off).</summary>
    public double TieBreak(MaterialIndex m) => Economics.TieBreaking ? 1e-4 * Instance.Materials[m].PriceUsdPerTonne : 0;

    public bool TopUpContracts => Economics.BolrContract == BolrContract.TopUp;
    public bool EconomyView => Economics.CostView == CostView.Economy;

    public ModelData(StockpileInstance instance, CooperationMode mode)
    {
        Instance = instance;
        Mode = mode;
        Economics = Economics.For(instance);
        C = instance.Countries.Count;
        M = instance.Materials.Count;
        K = instance.Sectors.Count;
        P = instance.Producers.Count;
        G = instance.Investments.Count;
        S = instance.Scenarios.Count;
        L = instance.Tiers.Count;
        H = instance.Horizon.Periods;
        PeriodLabels = Domain.PeriodLabels.For(instance.Horizon);
        MoneyScale = ScaleFor(instance);

        var country = IndexOf(instance.Countries.Select(c => c.Id), CountryIndex.At);
        var material = IndexOf(instance.Materials.Select(m => m.Id), MaterialIndex.At);
        var sector = IndexOf(instance.Sectors.Select(k => k.Id), SectorIndex.At);
        var producer = IndexOf(instance.Producers.Select(p => p.Id), ProducerIndex.At);

        Price = new(Materials, Periods, Scenarios);
        Emergency = new(Materials, Periods, Scenarios);
        foreach (var m in Materials)
        {
            foreach (var t in Periods)
            {
                foreach (var s in Scenarios)
                {
                    var price = instance.Materials[m].PriceUsdPerTonne;
                    foreach (var e in CoveringEvents(instance, s, m, t))
                    {
                        price *= e.PriceMultiplier;
                    }
                    Price[m, t, s] = price;
                    Emergency[m, t, s] = CoveringEvents(instance, s, m, t).Any(e => e.Availability < 1);
                }
            }
        }

        Demand = new(Countries, Materials, Sectors, Periods, Scenarios);
        Damage = new(Countries, Materials, Sectors);
        Damage.Fill(double.NaN);
        DefenceDemandPerMonth = new(Countries, Materials);
        DemandPerMonth = new(Countries, Materials);
        var months = (double)instance.Horizon.MonthsPerPeriod;
        foreach (var d in instance.Demands)
        {
            CountryIndex c = country[d.Country];
            MaterialIndex m = material[d.Material];
            SectorIndex k = sector[d.Sector];
            Damage[c, m, k] = d.DamageUsdPerTonne;
            var perMonth = d.TonnesPerPeriod.Average() / months;
            DemandPerMonth[c, m] += perMonth;
            if (instance.Sectors[k].Defence)
            {
                DefenceDemandPerMonth[c, m] += perMonth;
            }
            foreach (var t in Periods)
            {
                foreach (var s in Scenarios)
                {
                    Demand[c, m, k, t, s] = instance.Scenarios[s].DemandScale * d.TonnesPerPeriod[t];
                }
            }
        }

        var imports = instance.Imports;
        ImportCountry = imports.Select(i => country[i.Country]).ToArray();
        ImportMaterial = imports.Select(i => material[i.Material]).ToArray();
        ImportAvailability = new double[imports.Count, H, S];
        for (var i = 0; i < imports.Count; i++)
        {
            foreach (var t in Periods)
            {
                foreach (var s in Scenarios)
                {
                    var available = imports[i].TonnesPerPeriod;
                    foreach (var e in CoveringEvents(instance, s, ImportMaterial[i], t))
                    {
                        if (e.Source == imports[i].Source)
                        {
                            available *= e.Availability;
                        }
                    }
                    ImportAvailability[i, t, s] = available;
                }
            }
        }

        ProducerCountry = instance.Producers.Select(p => country[p.Country]).ToArray();
        ProducerMaterial = instance.Producers.Select(p => material[p.Material]).ToArray();
        PriceWar = new(Producers, Periods, Scenarios);
        foreach (var p in Producers)
        {
            foreach (var t in Periods)
            {
                foreach (var s in Scenarios)
                {
                    PriceWar[p, t, s] = Price[ProducerMaterial[p], t, s] < instance.Producers[p].UnitCostUsdPerTonne;
                }
            }
        }

        InvestmentProducer = instance.Investments.Select(g => producer[g.Producer]).ToArray();
        Payers = new IReadOnlyList<(CountryIndex, double, double)>[G];
        foreach (var g in Investments)
        {
            var host = ProducerCountry[InvestmentProducer[g]];
            var partners = instance.Investments[g].Partners;
            Payers[g] = mode == CooperationMode.Independent || partners.Count == 0
                ? [(host, 1.0, 1.0)]
                : partners.Select(w => (country[w.Country], w.MinShare, w.MaxShare)).ToArray();
        }

        PrivateResponse = new(Countries, Materials);
        PrivateResponse.Fill(-1);
        for (var i = 0; i < instance.PrivateStock.Count; i++)
        {
            var r = instance.PrivateStock[i];
            PrivateResponse[country[r.Country], material[r.Material]] = i;
        }

        Arcs = mode == CooperationMode.Independent
            ? []
            : instance.Sharing.SelectMany(l => new[]
            {
                new Arc(country[l.CountryA], country[l.CountryB], material[l.Material], l.TonnesPerPeriod),
                new Arc(country[l.CountryB], country[l.CountryA], material[l.Material], l.TonnesPerPeriod),
            }).ToArray();

        GovernmentHoldings = new(Countries, Materials);
        PrivateHoldings = new(Countries, Materials);
        foreach (var h in instance.Holdings)
        {
            GovernmentHoldings[country[h.Country], material[h.Material]] += h.GovernmentTonnes;
            PrivateHoldings[country[h.Country], material[h.Material]] += h.PrivateTonnes;
        }
        Inputs = instance.Producers.Select(p => p.Inputs.Select(i => (material[i.Material], i.TonnesPerTonne)).ToArray()).ToArray();
        Trade = instance.Trade.Select(l => new TradeArc(country[l.From], country[l.To], material[l.Material], l.TonnesPerPeriod)).ToArray();
        TradeTariff = new double[Trade.Count, H, S];
        for (var l = 0; l < Trade.Count; l++)
        {
            foreach (var t in Periods)
            {
                foreach (var s in Scenarios)
                {
                    TradeTariff[l, t, s] = TariffAt(instance, instance.Trade[l], Trade[l].Material, t, s);
                }
            }
        }
        ArcTariff = new double[Arcs.Count, H, S];
        SharingLink[] sharing = mode == CooperationMode.Independent ? [] : instance.Sharing.SelectMany(l => new[] { l, l }).ToArray();
        for (var a = 0; a < Arcs.Count; a++)
        {
            if (sharing[a].TariffExempt)
            {
                continue;
            }
            var link = Enumerable.Range(0, Trade.Count).FirstOrDefault(l =>
                Trade[l].From == Arcs[a].From && Trade[l].To == Arcs[a].To && Trade[l].Material == Arcs[a].Material, -1);
            for (var t = 0; t < H && link >= 0; t++)
            {
                for (var s = 0; s < S; s++)
                {
                    ArcTariff[a, t, s] = TradeTariff[link, t, s];
                }
            }
        }
        var limits = ReleaseRules.Of(this);
        ReleaseLimit = limits.Base;
        ReleaseLimitRaise = limits.Raise;
        NeedsConstant = GovernmentHoldings.Values.Any(g => g > 0) || EconomyView;
    }

    /// <summary>τ of a trade link at (t,s): its base duty, replaced by each covering tariff event of s in list order.</summary>
    private static double TariffAt(StockpileInstance instance, TradeLink link, MaterialIndex m, PeriodIndex t, ScenarioIndex s)
    {
        var tariff = link.Tariff;
        var mat = instance.Materials[m];
        foreach (var e in instance.Scenarios[s].TariffEvents)
        {
            var covers = e.FromPeriod <= t + 1 && t + 1 <= e.ToPeriod && e.From == link.From && e.To == link.To
                && ((e.Materials.Count == 0 && e.Groups.Count == 0) || e.Materials.Contains(mat.Id) || e.Groups.Contains(mat.Group));
            if (covers)
            {
                tariff = e.Tariff;
            }
        }
        return tariff;
    }

    public string Id(CountryIndex c) => Instance.Countries[c].Id;
    public string Id(MaterialIndex m) => Instance.Materials[m].Id;
    public string Id(SectorIndex k) => Instance.Sectors[k].Id;
    public string Id(ProducerIndex p) => Instance.Producers[p].Id;
    public string Id(InvestmentIndex g) => Instance.Investments[g].Id;
    public string Id(ScenarioIndex s) => Instance.Scenarios[s].Id;
    /// <summary>The label of period t (its date or number), as row and variable names carry it.</summary>
    public string Id(PeriodIndex t) => PeriodLabels[t];

    /// <summary>Id of country c from an int loop (the decomposition's plan points); typed code uses <see cref="Id(CountryIndex)"/>.</summary>
    public string CountryId(int c) => Instance.Countries[c].Id;
    /// <summary>Id of material m from an int loop (the decomposition's plan points); typed code uses <see cref="Id(MaterialIndex)"/>.</summary>
    public string MaterialId(int m) => Instance.Materials[m].Id;
    public bool HasDemand(CountryIndex c, MaterialIndex m, SectorIndex k) => !double.IsNaN(Damage[c, m, k]);

    private static IEnumerable<SupplyEvent> CoveringEvents(StockpileInstance instance, ScenarioIndex s, MaterialIndex m, PeriodIndex t)
    {
        var mat = instance.Materials[m];
        var period = t + 1;
        return instance.Scenarios[s].Events.Where(e =>
            e.FromPeriod <= period && period <= e.ToPeriod
            && (e.Materials.Contains(mat.Id) || e.Groups.Contains(mat.Group)));
    }

    private static Dictionary<string, TIndex> IndexOf<TIndex>(IEnumerable<string> ids, Func<int, TIndex> at) where TIndex : struct =>
        ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => at(p.i));
}
