using Google.OrTools.LinearSolver;

namespace StockpileOptimizer.Model.Builder;

internal sealed partial class StockpileModel
{
    /// <summary>survival[p,t,s]; null where there is no price war (and the model is not rebindable).</summary>
    private Constraint?[,,] survivalRows = null!;

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
        survivalRows = new Constraint?[d.P, d.H, d.S];
        for (var p = 0; p < d.P; p++)
        {
            var pp = p;
            ForPeriodScenario((t, s) =>
            {
                var index = new[] { d.ProducerId(pp), d.Period(t), d.ScenarioId(s) };
                if (!d.TopUpContracts)
                {
                    var cap = Row(double.NegativeInfinity, 0, "bolr-cap", index);
                    cap.SetCoefficient(BolrResold[pp, t, s], 1);
                    cap.SetCoefficient(BolrStocked[pp, t, s], 1);
                    cap.SetCoefficient(Q[pp], -1);

                    var fromOutput = Row(double.NegativeInfinity, 0, "bolr-output", index);
                    fromOutput.SetCoefficient(BolrResold[pp, t, s], 1);
                    fromOutput.SetCoefficient(BolrStocked[pp, t, s], 1);
                    fromOutput.SetCoefficient(Output[pp, t, s], -1);
                }

                if (d.PriceWar[pp, t, s] || rebindable)
                {
                    var survival = survivalRows[pp, t, s] = Row(double.NegativeInfinity, SurvivalCap(pp, t, s), "survival", index);
                    survival.SetCoefficient(Capacity[pp, t, s], 1);
                    if (d.TopUpContracts)
                    {
                        // Take-or-pay: the committed tonnes are paid for whatever is delivered, so they keep capacity alive.
                        survival.SetCoefficient(Q[pp], -1);
                    }
                    else
                    {
                        survival.SetCoefficient(BolrResold[pp, t, s], -1);
                        survival.SetCoefficient(BolrStocked[pp, t, s], -1);
                    }
                }
            });
        }
    }

    /// <summary>Right-hand side of survival[p,t,s]: 0 in a price war, none (a free row) otherwise.</summary>
    private double SurvivalCap(int p, int t, int s) => d.PriceWar[p, t, s] ? 0 : double.PositiveInfinity;

    /// <summary>Which periods a scenario puts in a price war (rebindable models have every survival row).</summary>
    private void RebindPriceWarSurvival()
    {
        for (var p = 0; p < d.P; p++)
        {
            var pp = p;
            ForPeriodScenario((t, s) => survivalRows[pp, t, s]!.SetBounds(double.NegativeInfinity, SurvivalCap(pp, t, s)));
        }
    }
}
