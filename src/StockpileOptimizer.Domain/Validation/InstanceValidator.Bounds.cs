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

    /// <summary>
    /// Months in one period (horizon.monthsPerPeriod): 12, a year. A stockpile is planned in
    /// months, quarters or years; coverage floors divide demand per period by this number, and
    /// 2,147,483,647 (accepted before) turned any stock into 2.2e9 months of cover.
    /// </summary>
    public const int MaxMonthsPerPeriod = 12;

    /// <summary>Months of cover a coverage floor asks for: 1,200, a century.</summary>
    public const double MaxMonths = 1_200;

    /// <summary>Days of cover a coverage floor asks for: 36,000, the same century as <see cref="MaxMonths"/> at 30 days a month.</summary>
    public const double MaxDays = MaxMonths * 30;

    /// <summary>
    /// Tonnes of an input per tonne of a recipe's output: 1,000. The leanest real chains need
    /// a few tonnes of concentrate per tonne of oxide and ~0.3 t of oxide per tonne of magnet;
    /// more than 1,000 is a unit mistake (kg for t), and the balance rows would carry a
    /// coefficient three orders of magnitude above the rest.
    /// </summary>
    public const double MaxTonnesPerTonne = 1_000;

    /// <summary>
    /// Ad-valorem duty of a trade link or a tariff event, fraction of the price: 10 (1,000 %).
    /// The highest tariffs applied in 2025 (US on Chinese goods, briefly) were 1.45 (145 %);
    /// ten times that is still a number the duty rows carry without rescaling.
    /// </summary>
    public const double MaxTariff = 10;

    /// <summary>
    /// Largest product of the price multipliers of all events covering one (material, period)
    /// of a scenario: 1e6, the bound of one multiplier (<see cref="MaxFactor"/>), so that
    /// overlapping events can never compound past what one event may say.
    /// </summary>
    public const double MaxCompoundedPriceFactor = MaxFactor;

    /// <summary>
    /// Smallest such product: 1e-6. Below it a scenario price is under a millionth of the
    /// normal price, and its coefficients fall below the solver's feasibility tolerance
    /// (1e-6 to 1e-9) relative to the other costs of the same rows.
    /// </summary>
    public const double MinCompoundedPriceFactor = 1 / MaxFactor;
}
