using StockpileOptimizer.Domain;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Contracts.Mapping;

public static partial class DomainMapping
{
    /// <summary>
    /// Proto → domain for what a solve returns, the inverse of <see cref="ToProto(SolveResult)"/>:
    /// an objective, bound or gap the wire leaves unset (no plan) is NaN, as the engine gives it.
    /// The wall-time split (build, solve, extract seconds) is not on the wire and stays 0.
    /// </summary>
    public static SolveResult ToDomain(V1.SolveResult proto) => new()
    {
        Solver = ToDomain(proto.Solver ?? new V1.SolverFacts()),
        Fingerprint = proto.Fingerprint,
        Policy = proto.Policy is { } policy ? ToDomain(policy) : null,
        Scenarios = proto.Scenarios.Select(ToDomain).ToArray(),
        Kpis = proto.Kpis is { } kpis ? ToDomain(kpis) : null,
        ShadowPrices = proto.ShadowPrices is { } shadow ? ToDomain(shadow) : null,
        Diagnosis = proto.Diagnosis is { } diagnosis ? ToDomain(diagnosis) : null,
        Explanation = proto.Explanation is { } explanation ? ToDomain(explanation) : null,
    };

    /// <summary>Proto → domain for how a solve ended; UNSPECIFIED or a value this version does not know is an error.</summary>
    public static Termination ToDomain(V1.Termination termination) => termination switch
    {
        V1.Termination.Optimal => Termination.Optimal,
        V1.Termination.Feasible => Termination.Feasible,
        V1.Termination.Infeasible => Termination.Infeasible,
        V1.Termination.Unbounded => Termination.Unbounded,
        V1.Termination.TimeLimit => Termination.TimeLimit,
        V1.Termination.Cancelled => Termination.Cancelled,
        _ => Termination.Error,
    };

    public static SolverFacts ToDomain(V1.SolverFacts facts) => new()
    {
        Termination = ToDomain(facts.Termination),
        Solver = facts.Solver,
        Objective = facts.ObjectiveUsd ?? double.NaN,
        BestBound = facts.BestBoundUsd ?? double.NaN,
        Gap = facts.Gap ?? double.NaN,
        WallSeconds = facts.WallSeconds,
        Nodes = facts.Nodes,
        Variables = facts.Variables,
        Rows = facts.Rows,
        Message = facts.Message,
        TieBreakUsd = facts.TieBreakUsd,
    };

    public static ScenarioPath ToDomain(V1.ScenarioPath path) => new()
    {
        Scenario = path.Scenario,
        Probability = path.Probability,
        CostUsd = path.CostUsd,
        ShortageTonnes = path.ShortageTonnes,
        Materials = path.Materials.Select(m => new MaterialPath(
            m.Country, m.Material, m.InventoryTonnes.ToArray(), m.ReleasesTonnes.ToArray(), m.PurchasesTonnes.ToArray(),
            m.PrivateReleasesTonnes.ToArray()) { ReleaseAllowed = m.ReleaseAllowed.ToArray(), ReleaseLimit = m.ReleaseLimitTonnes.ToArray() }).ToArray(),
        Producers = path.Producers.Select(p => new ProducerPath(
            p.Producer, p.CapacityTonnes.ToArray(), p.OutputTonnes.ToArray(), p.BolrResoldTonnes.ToArray(), p.BolrStockedTonnes.ToArray())).ToArray(),
        Imports = path.Imports.Select(i => new ImportPath(i.Country, i.Material, i.Source, i.Tonnes.ToArray())).ToArray(),
        Shortages = path.Shortages.Select(s => new ShortagePath(s.Country, s.Material, s.Sector, s.Tonnes.ToArray())).ToArray(),
        Transfers = path.Transfers.Select(t => new TransferPath(t.FromCountry, t.ToCountry, t.Material, t.Tonnes.ToArray())).ToArray(),
        FiscalCost = path.FiscalCost.Select(ToDomain).ToArray(),
        Trade = path.Trade.Select(t => new TradePath(t.FromCountry, t.ToCountry, t.Material, t.Tonnes.ToArray(), t.Tariff.ToArray())).ToArray(),
    };

    public static Kpis ToDomain(V1.Kpis kpis) => new()
    {
        ExpectedCostUsd = kpis.ExpectedCostUsd,
        ExpectedCostByComponent = kpis.ExpectedCostByComponent.Select(c => new CostComponent(c.Component, c.Usd)).ToArray(),
        ExpectedShortageTonnes = kpis.ExpectedShortageTonnes,
        CvarShortageTonnes = kpis.CvarShortageTonnes,
        CvarCostUsd = kpis.CvarCostUsd,
        BudgetUse = kpis.BudgetUse.Select(b => new BudgetUse(b.Country, b.BudgetUsd, b.ExpectedOutlayUsd, b.WorstOutlayUsd)).ToArray(),
        ExpectedTariffRevenue = kpis.ExpectedTariffRevenue.Select(ToDomain).ToArray(),
    };

    public static ShadowPrices ToDomain(V1.ShadowPrices shadow) => new()
    {
        Solver = shadow.Solver,
        Budgets = shadow.Budgets.Select(b => new BudgetShadow(b.Country, b.Scenario, b.UsdPerUsd)).ToArray(),
        Storage = shadow.Storage.Select(s => new StorageShadow(s.Country, s.UsdPerTonne)).ToArray(),
    };

    public static InfeasibilityDiagnosis ToDomain(V1.InfeasibilityDiagnosis diagnosis) => new()
    {
        Summary = diagnosis.Summary,
        ConflictingFamilies = diagnosis.ConflictingFamilies.ToArray(),
        Alone = diagnosis.Alone
            .Select(f => new FamilyRelaxation(f.Family, f.RestoresFeasibility, f.TotalAmount, f.Unit, f.Rows.Select(ToDomain).ToArray()))
            .ToArray(),
        Combined = diagnosis.Combined.Select(ToDomain).ToArray(),
    };

    private static RowRelaxation ToDomain(V1.RowRelaxation row) => new(row.Family, row.Row, row.Amount, row.Unit);
}
