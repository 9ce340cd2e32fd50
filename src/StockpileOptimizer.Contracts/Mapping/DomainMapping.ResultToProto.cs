using StockpileOptimizer.Domain;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Contracts.Mapping;

public static partial class DomainMapping
{
    /// <summary>Domain → proto for a solve's result. Objective, bound and gap that are NaN (no plan) are left unset.</summary>
    public static V1.SolveResult ToProto(SolveResult result)
    {
        var proto = new V1.SolveResult
        {
            Solver = ToProto(result.Solver),
            Fingerprint = result.Fingerprint,
            Policy = result.Policy is { } policy ? ToProto(policy) : null,
            Kpis = result.Kpis is { } kpis ? ToProto(kpis) : null,
            ShadowPrices = result.ShadowPrices is { } shadow ? ToProto(shadow) : null,
            Diagnosis = result.Diagnosis is { } diagnosis ? ToProto(diagnosis) : null,
            Explanation = result.Explanation is { } explanation ? ToProto(explanation) : null,
        };
        proto.Scenarios.Add(result.Scenarios.Select(ToProto));
        return proto;
    }

    /// <summary>Domain → proto for how a solve ended; a value this version does not know is UNSPECIFIED.</summary>
    public static V1.Termination ToProto(Termination termination) => termination switch
    {
        Termination.Optimal => V1.Termination.Optimal,
        Termination.Feasible => V1.Termination.Feasible,
        Termination.Infeasible => V1.Termination.Infeasible,
        Termination.Unbounded => V1.Termination.Unbounded,
        Termination.TimeLimit => V1.Termination.TimeLimit,
        Termination.Cancelled => V1.Termination.Cancelled,
        Termination.Error => V1.Termination.Error,
        _ => V1.Termination.Unspecified,
    };

    /// <summary>A number the solver may not have (NaN): unset rather than NaN on the wire.</summary>
    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static V1.SolverFacts ToProto(SolverFacts facts) => new()
    {
        Termination = ToProto(facts.Termination),
        Solver = facts.Solver,
        ObjectiveUsd = Finite(facts.Objective),
        BestBoundUsd = Finite(facts.BestBound),
        Gap = Finite(facts.Gap),
        WallSeconds = facts.WallSeconds,
        Nodes = facts.Nodes,
        Variables = facts.Variables,
        Rows = facts.Rows,
        Message = facts.Message,
        TieBreakUsd = facts.TieBreakUsd,
    };

    private static V1.ScenarioPath ToProto(ScenarioPath path)
    {
        var proto = new V1.ScenarioPath
        {
            Scenario = path.Scenario,
            Probability = path.Probability,
            CostUsd = path.CostUsd,
            ShortageTonnes = path.ShortageTonnes,
        };
        foreach (var m in path.Materials)
        {
            var material = new V1.MaterialPath { Country = m.Country, Material = m.Material };
            material.InventoryTonnes.Add(m.Inventory);
            material.ReleasesTonnes.Add(m.Releases);
            material.PurchasesTonnes.Add(m.Purchases);
            material.PrivateReleasesTonnes.Add(m.PrivateReleases);
            material.ReleaseAllowed.Add(m.ReleaseAllowed);
            material.ReleaseLimitTonnes.Add(m.ReleaseLimit);
            proto.Materials.Add(material);
        }
        foreach (var p in path.Producers)
        {
            var producer = new V1.ProducerPath { Producer = p.Producer };
            producer.CapacityTonnes.Add(p.Capacity);
            producer.OutputTonnes.Add(p.Output);
            producer.BolrResoldTonnes.Add(p.BolrResold);
            producer.BolrStockedTonnes.Add(p.BolrStocked);
            proto.Producers.Add(producer);
        }
        foreach (var i in path.Imports)
        {
            var import = new V1.ImportPath { Country = i.Country, Material = i.Material, Source = i.Source };
            import.Tonnes.Add(i.Tonnes);
            proto.Imports.Add(import);
        }
        foreach (var s in path.Shortages)
        {
            var shortage = new V1.ShortagePath { Country = s.Country, Material = s.Material, Sector = s.Sector };
            shortage.Tonnes.Add(s.Tonnes);
            proto.Shortages.Add(shortage);
        }
        foreach (var t in path.Transfers)
        {
            var transfer = new V1.TransferPath { FromCountry = t.From, ToCountry = t.To, Material = t.Material };
            transfer.Tonnes.Add(t.Tonnes);
            proto.Transfers.Add(transfer);
        }
        proto.FiscalCost.Add(path.FiscalCost.Select(ToProto));
        foreach (var t in path.Trade)
        {
            var trade = new V1.TradePath { FromCountry = t.From, ToCountry = t.To, Material = t.Material };
            trade.Tonnes.Add(t.Tonnes);
            trade.Tariff.Add(t.Tariff);
            proto.Trade.Add(trade);
        }
        return proto;
    }

    private static V1.Kpis ToProto(Kpis kpis)
    {
        var proto = new V1.Kpis
        {
            ExpectedCostUsd = kpis.ExpectedCostUsd,
            ExpectedShortageTonnes = kpis.ExpectedShortageTonnes,
            CvarShortageTonnes = kpis.CvarShortageTonnes,
            CvarCostUsd = kpis.CvarCostUsd,
        };
        proto.ExpectedCostByComponent.Add(kpis.ExpectedCostByComponent.Select(c => new V1.CostComponent { Component = c.Component, Usd = c.Usd }));
        proto.BudgetUse.Add(kpis.BudgetUse.Select(b => new V1.BudgetUse
        {
            Country = b.Country, BudgetUsd = b.BudgetUsd, ExpectedOutlayUsd = b.ExpectedOutlayUsd, WorstOutlayUsd = b.WorstOutlayUsd,
        }));
        proto.ExpectedTariffRevenue.Add(kpis.ExpectedTariffRevenue.Select(ToProto));
        return proto;
    }

    private static V1.ShadowPrices ToProto(ShadowPrices shadow)
    {
        var proto = new V1.ShadowPrices { Solver = shadow.Solver };
        proto.Budgets.Add(shadow.Budgets.Select(b => new V1.BudgetShadow { Country = b.Country, Scenario = b.Scenario, UsdPerUsd = b.UsdPerUsd }));
        proto.Storage.Add(shadow.Storage.Select(s => new V1.StorageShadow { Country = s.Country, UsdPerTonne = s.UsdPerTonne }));
        return proto;
    }

    private static V1.InfeasibilityDiagnosis ToProto(InfeasibilityDiagnosis diagnosis)
    {
        var proto = new V1.InfeasibilityDiagnosis { Summary = diagnosis.Summary };
        proto.ConflictingFamilies.Add(diagnosis.ConflictingFamilies);
        foreach (var family in diagnosis.Alone)
        {
            var relaxation = new V1.FamilyRelaxation
            {
                Family = family.Family, RestoresFeasibility = family.RestoresFeasibility, TotalAmount = family.TotalAmount, Unit = family.Unit,
            };
            relaxation.Rows.Add(family.Rows.Select(ToProto));
            proto.Alone.Add(relaxation);
        }
        proto.Combined.Add(diagnosis.Combined.Select(ToProto));
        return proto;
    }

    private static V1.RowRelaxation ToProto(RowRelaxation row) => new() { Family = row.Family, Row = row.Row, Amount = row.Amount, Unit = row.Unit };
}
