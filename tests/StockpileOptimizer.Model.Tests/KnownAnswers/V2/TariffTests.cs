using StockpileOptimizer.Domain;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Instances;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Results;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>Commercial trade between partners, its tariffs and tariff events, and duty on non-exempt sharing.</summary>
public sealed class TariffTests
{
    private const double NoEvent = -1;

    /// <summary>
    /// H = 2, one scenario "halt" (π = 1) that stops A's only oxide imports ("cn", 100 t) in both
    /// periods. A demands 100 t of "ox" a period (damage 5; price, acquisition 10, holding 2 — a
    /// stocked tonne costs at least 12 &gt; 5, never stocked). B separates oxide ("sep", 100 t,
    /// unit cost 5, no war) and has no demand of its own; trade B → A carries up to 100 t a
    /// period at duty <paramref name="tariff"/>, which a tariff event may set to
    /// <paramref name="period2Tariff"/> in period 2.
    /// </summary>
    private static StockpileInstance PartnerOxide(CostView view, double tariff, double period2Tariff) => Base("partner-oxide", 2) with
    {
        Countries = [Country("A"), Country("B")],
        Materials = [Material("ox")],
        Demands = [Demand("A", "ox", "k", 5, 100, 100)],
        ImportSources = [new ImportSource { Id = "cn" }],
        Imports = [Import("A", "ox", "cn", 100)],
        Producers =
        [
            new Producer
            {
                Id = "sep", Country = "B", Material = "ox", CapacityTonnesPerPeriod = 100, RampTonnesPerPeriod = 100,
                UnitCostUsdPerTonne = 5, FloorPriceUsdPerTonne = 6,
            },
        ],
        Trade = [new TradeLink { From = "B", To = "A", Material = "ox", TonnesPerPeriod = 100, Tariff = tariff }],
        Scenarios =
        [
            Scenario("halt", 1, Halt("cn", "ox", 1, 2, 0)) with
            {
                TariffEvents = period2Tariff == NoEvent
                    ? []
                    : [new TariffEvent { From = "B", To = "A", Materials = ["ox"], FromPeriod = 2, ToPeriod = 2, Tariff = period2Tariff }],
            },
        ],
        Policy = Plain(view: view),
    };

    [Theory]
    // Economy view: a traded tonne costs A's users the duty τ·P = τ·10 (counted in A's loss) and
    // saves the damage 5 of a short tonne, so trade runs in full while τ·10 < 5 (τ < 0.5) and
    // stops when τ·10 > 5. The duty is A's tariff revenue: reported, not netted.
    //   τ = 0.45: 4.5 < 5 → 100 t a period; duty 4.5·200 = 900.
    [InlineData(CostView.Economy, 0.45, NoEvent, 100, 100, 900, 900)]
    //   τ = 0.55: 5.5 > 5 → no trade; shortage 200·5 = 1000.
    [InlineData(CostView.Economy, 0.55, NoEvent, 0, 0, 1000, 0)]
    //   τ = 0.45, raised to 0.55 in period 2: trade stops in period 2: 450 + 500 = 950.
    [InlineData(CostView.Economy, 0.45, 0.55, 100, 0, 950, 450)]
    //   τ = 0.55, resolved (0) in period 2: shortage 500 in period 1, free trade in period 2 → 500.
    [InlineData(CostView.Economy, 0.55, 0, 0, 100, 500, 0)]
    // Fiscal view: trade costs the programme nothing, so it runs whatever the duty; objective 0;
    // the duty 5.5·200 = 1100 is still reported as A's revenue.
    [InlineData(CostView.Fiscal, 0.55, NoEvent, 100, 100, 0, 1100)]
    public void Trade_from_the_partner_stops_exactly_when_the_duty_exceeds_the_damage_it_avoids(
        CostView view, double tariff, double period2Tariff, double trade1, double trade2, double objective, double revenue)
    {
        var result = SolveOptimal(PartnerOxide(view, tariff, period2Tariff));

        Assert.Equal(objective, result.Solver.Objective, Tol);
        var trade = result.Trade("halt", "B", "A", "ox");
        AssertSeries([trade1, trade2], trade.Tonnes);
        AssertSeries([tariff, period2Tariff == NoEvent ? tariff : period2Tariff], trade.Tariff);
        AssertSeries([100 - trade1, 100 - trade2], result.Shortage("halt", material: "ox"));
        AssertSeries([trade1, trade2], result.Producer("halt", "sep").Output);
        Assert.Equal(revenue, result.TariffRevenue("A"), Tol);
        Assert.Equal(0, result.Stockpile(material: "ox"), Tol);
    }

    /// <summary>
    /// H = 1, one scenario "halt" (π = 1). A and B each demand 100 t of "m" (damage 5; a stocked
    /// tonne costs 12 &gt; 5, never stocked). A imports from "ally" (200 t, never throttled); the
    /// halt stops B's only source "cn". A sharing link A–B (40 t each way, exempt or not) and a
    /// trade link A → B (10 t at duty <paramref name="tariff"/>). Economy view.
    /// </summary>
    private static StockpileInstance SharingWithDuty(bool exempt, double tariff) => Base("sharing-duty", 1) with
    {
        Countries = [Country("A"), Country("B")],
        Demands = [Demand("A", "m", "k", 5, 100), Demand("B", "m", "k", 5, 100)],
        ImportSources = [new ImportSource { Id = "ally" }, new ImportSource { Id = "cn" }],
        Imports = [Import("A", "m", "ally", 200), Import("B", "m", "cn", 100)],
        Sharing = [new SharingLink { CountryA = "A", CountryB = "B", Material = "m", TonnesPerPeriod = 40, TariffExempt = exempt }],
        Trade = [new TradeLink { From = "A", To = "B", Material = "m", TonnesPerPeriod = 10, Tariff = tariff }],
        Scenarios = [Scenario("halt", 1, Halt("cn", "m", 1, 1, 0))],
        Policy = Plain(view: CostView.Economy),
    };

    [Theory]
    // B is short 100 t without help. Trade A → B (10 t) pays duty τ·10 a tonne; a transfer pays
    // it only when the link is not exempt (the τ of the trade link A → B). Each moves while its
    // duty is below the damage 5 it avoids.
    //   exempt, τ = 0.3: transfer 40 (free), trade 10 (3 each): 30 + shortage 50·5 = 280; duty 30.
    [InlineData(true, 0.3, 40, 10, 280, 30)]
    //   not exempt, τ = 0.3: both pay 3 a tonne: 150 + 250 = 400; duty 150.
    [InlineData(false, 0.3, 40, 10, 400, 150)]
    //   exempt, τ = 0.6: 6 > 5 stops trade; the exempt transfer still moves: 60·5 = 300.
    [InlineData(true, 0.6, 40, 0, 300, 0)]
    //   not exempt, τ = 0.6: nothing moves: 100·5 = 500.
    [InlineData(false, 0.6, 0, 0, 500, 0)]
    public void Non_exempt_sharing_pays_the_duty_of_the_trade_link(
        bool exempt, double tariff, double transfer, double trade, double objective, double revenue)
    {
        var result = SolveOptimal(SharingWithDuty(exempt, tariff));

        Assert.Equal(objective, result.Solver.Objective, Tol);
        AssertSeries([transfer], result.Transfers("halt", "A", "B"));
        AssertSeries([0], result.Transfers("halt", "B", "A"));
        AssertSeries([trade], result.Trade("halt", "A", "B").Tonnes);
        AssertSeries([100 - transfer - trade], result.Shortage("halt", country: "B"));
        AssertSeries([0], result.Shortage("halt", country: "A"));
        AssertSeries([100 + transfer + trade], result.Path("halt").Imports.Single(i => i.Country == "A").Tonnes);
        Assert.Equal(revenue, result.TariffRevenue("B"), Tol);
    }
}
