using Google.OrTools.LinearSolver;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>survival[p,t,s]; null where there is no price war (and the model is not rebindable).</summary>
    private Table<ProducerIndex, PeriodIndex, ScenarioIndex, Constraint?> survivalRows = null!;

    /// <summary>
    /// bolr-cap[p,t,s]: bR + bS ≤ q; bolr-output[p,t,s]: bR + bS ≤ o; and, in a price war
    /// (market price below the producer's unit cost), survival[p,t,s]: K_t ≤ bR + bS — the
    /// producer keeps only the capacity whose output the government buys at the floor.
    /// Capacity lost returns only at the ramp rate. With take-or-pay top-up contracts (v2) the
    /// government buys nothing (bR = bS = 0, no bolr-cap or bolr-output rows) and the survival
    /// row is K_t ≤ q: the committed tonnes are paid for, delivered or not.
    /// </summary>
    private void AddPriceWarSurvival()
    {
        survivalRows = new(d.Producers, d.Periods, d.Scenarios);
        foreach (var p in d.Producers)
        {
            ForPeriodScenario((t, s) =>
            {
                var index = new[] { d.Id(p), d.Id(t), d.Id(s) };
                if (!d.TopUpContracts)
                {
                    var cap = Row(double.NegativeInfinity, 0, "bolr-cap", index);
                    cap.SetCoefficient(BolrResold[p, t, s], 1);
                    cap.SetCoefficient(BolrStocked[p, t, s], 1);
                    cap.SetCoefficient(Q[p], -1);

                    var fromOutput = Row(double.NegativeInfinity, 0, "bolr-output", index);
                    fromOutput.SetCoefficient(BolrResold[p, t, s], 1);
                    fromOutput.SetCoefficient(BolrStocked[p, t, s], 1);
                    fromOutput.SetCoefficient(Output[p, t, s], -1);
                }

                if (d.PriceWar[p, t, s] || rebindable)
                {
                    var survival = survivalRows[p, t, s] = Row(double.NegativeInfinity, SurvivalCap(p, t, s), "survival", index);
                    survival.SetCoefficient(Capacity[p, t, s], 1);
                    if (d.TopUpContracts)
                    {
                        // Take-or-pay: the committed tonnes are paid for whatever is delivered, so they keep capacity alive.
                        survival.SetCoefficient(Q[p], -1);
                    }
                    else
                    {
                        survival.SetCoefficient(BolrResold[p, t, s], -1);
                        survival.SetCoefficient(BolrStocked[p, t, s], -1);
                    }
                }
            });
        }
    }

    /// <summary>Right-hand side of survival[p,t,s]: 0 in a price war, none (a free row) otherwise.</summary>
    private double SurvivalCap(ProducerIndex p, PeriodIndex t, ScenarioIndex s) => d.PriceWar[p, t, s] ? 0 : double.PositiveInfinity;

    /// <summary>Which periods a scenario puts in a price war (rebindable models have every survival row).</summary>
    private void RebindPriceWarSurvival()
    {
        foreach (var p in d.Producers)
        {
            ForPeriodScenario((t, s) => survivalRows[p, t, s]!.SetBounds(double.NegativeInfinity, SurvivalCap(p, t, s)));
        }
    }
}
