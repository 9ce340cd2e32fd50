namespace StockpileOptimizer.Domain;

// Upper bounds per kind of quantity. Every number of an instance must be finite, and no more
// than its kind's bound: one violation per field, "materials[0].priceUsdPerTonne must be ≤ 1e12
// (got 1E+30)". Without them a finite but absurd number (1e20 and up, past the solver's
// infinity) made SCIP fail or was silently cut to 1e20 (docs/reliability.md, finding 3).
//
// Each bound is orders of magnitude above any real value of its kind and orders of magnitude
// below 1e20, the value SCIP (and CBC, HiGHS) treat as infinite. What they do not cover:
// products of several extremes — a 1e12 USD/t holding cost on 1e9 t of induced private stock,
// say — can still be badly scaled for the solver. The bounds are listed in docs/api.md.
public static partial class InstanceValidator
{
    /// <summary>
    /// Money per tonne (prices, acquisition, holding per period, damage, unit cost, BoLR floor
    /// and fee), USD: 1e12. The dearest metal ever traded, rhodium at its 2021 peak, was
    /// about 9e8 USD/t; rare-earth oxides trade at 1e4–1e6 USD/t.
    /// </summary>
    public const double MaxUsdPerTonne = 1e12;

    /// <summary>
    /// Tonnes (demand per period, storage, import and producer capacity, ramps, commitments,
    /// private stock, sharing): 1e9. World production of all rare earths is about 3.5e5 t a
    /// year and of iron ore, the largest mined commodity, about 2.5e9 t a year.
    /// </summary>
    public const double MaxTonnes = 1e9;

    /// <summary>
    /// Money (a country's budget for the horizon, an investment's capex), USD: 1e15. Fifty
    /// times US GDP (about 2.9e13 USD); 1e13-dollar budgets, though absurd for a stockpile,
    /// are accepted and solved.
    /// </summary>
    public const double MaxUsd = 1e15;

    /// <summary>
    /// Multipliers (a scenario's demand scale, an event's price multiplier, the risk weight λ):
    /// 1e6. The worst price spikes of critical minerals (gallium, germanium 2023; cobalt 2018)
    /// were a few times the normal price, but sampled scenarios draw multipliers from a
    /// lognormal whose tail, with a wide σ, passes 1e3 (ScenarioGenerator). 1e12 USD/t × 1e6
    /// is still below the solver's infinity.
    /// </summary>
    public const double MaxFactor = 1e6;

    /// <summary>Months of cover a coverage floor asks for: 1,200, a century.</summary>
    public const double MaxMonths = 1_200;
}
