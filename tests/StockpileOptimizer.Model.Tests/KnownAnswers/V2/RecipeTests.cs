using StockpileOptimizer.Domain;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Instances;
using static StockpileOptimizer.Model.Tests.KnownAnswers.V2.V2Results;

namespace StockpileOptimizer.Model.Tests.KnownAnswers.V2;

/// <summary>Recipes: a magnet plant that draws oxide, and the oxide halt that reaches its output.</summary>
public sealed class RecipeTests
{
    /// <summary>
    /// H = 1, country "A". Oxide "ox" (price, acquisition 10, holding 2) is only imported, from
    /// "cn" (100 t); magnets "mag" (price 100, acquisition 1000: never worth stocking) are only
    /// made by "plant" (capacity 50 t, unit cost 5: no price war) from 2 t of oxide per tonne.
    /// Magnet demand 50 t (damage <paramref name="damage"/>); no final demand for oxide. "halt"
    /// (π = 0.5) leaves 40 % of the oxide imports, "calm" (π = 0.5) all of them.
    /// </summary>
    private static StockpileInstance MagnetPlant(double damage, double terminal = 0, double storage = LargeStorage) => Base("magnet-plant", 1) with
    {
        Countries = [Country(storage: storage)],
        Materials = [Material("ox"), Material("mag", price: 100, acquisition: 1000)],
        Demands = [Demand("A", "mag", "k", damage, 50)],
        ImportSources = [new ImportSource { Id = "cn" }],
        Imports = [Import("A", "ox", "cn", 100)],
        Producers =
        [
            new Producer
            {
                Id = "plant", Country = "A", Material = "mag", CapacityTonnesPerPeriod = 50, RampTonnesPerPeriod = 50,
                UnitCostUsdPerTonne = 5, FloorPriceUsdPerTonne = 6,
                Inputs = [new RecipeInput { Material = "ox", TonnesPerTonne = 2 }],
            },
        ],
        Scenarios = [Scenario("calm", 0.5), Scenario("halt", 0.5, Halt("cn", "ox", 1, 1, 0.4))],
        Policy = Plain(terminalFraction: terminal),
    };

    [Theory]
    // Without oxide stock the halt leaves 40 t of oxide: the plant makes 40/2 = 20 t of magnets,
    // 30 t short = the missing 60 t of oxide / 2. A tonne of oxide stock costs 10 + 2 = 12 in
    // both scenarios; released in the halt (an emergency on oxide) it makes ½ t of magnets,
    // saving damage/2; kept in the calm it is worth θ·P̄ = θ·10 at the end. So stock the whole
    // missing 60 t when 0.5·max(damage/2, θ·10) + 0.5·θ·10 > 12, else nothing (a tonne beyond
    // 60 t is never released: θ·10 − 12 < 0). Magnet stock costs 1002 a tonne: never.
    //
    // θ = 0: threshold 0.5·damage/2 > 12 ⇔ damage > 48.
    //   damage 50: 12.5 > 12 → 60 t; 12·60 = 720 in both scenarios, no shortage.
    [InlineData(0, 50, 60, 720)]
    //   damage 46: 11.5 < 12 → 0 t; 0.5·30·46 = 690.
    [InlineData(0, 46, 0, 690)]
    // θ = 0.5 (end stock worth 5 a tonne): threshold 0.5·damage/2 + 0.5·5 > 12 ⇔ damage > 38.
    //   damage 40: 10 + 2.5 = 12.5 > 12 → 60 t; calm 720 − 5·60 = 420, halt 720 (all released)
    //   → 0.5·420 + 0.5·720 = 570 (no stock: 0.5·30·40 = 600).
    [InlineData(0.5, 40, 60, 570)]
    //   damage 36: 9 + 2.5 = 11.5 < 12 → 0 t; 0.5·30·36 = 540 (stock: 570).
    [InlineData(0.5, 36, 0, 540)]
    public void The_oxide_halt_cuts_magnet_output_unless_oxide_is_stocked_by_the_threshold_through_the_recipe(
        double terminal, double damage, double oxideStock, double objective)
    {
        var result = SolveOptimal(MagnetPlant(damage, terminal));

        Assert.Equal(oxideStock, result.Stockpile(material: "ox"), Tol);
        Assert.Equal(0, result.Stockpile(material: "mag"), Tol);
        Assert.Equal(objective, result.Solver.Objective, Tol);
        AssertSeries([50], result.Producer("calm", "plant").Output);
        // Magnet output = (40 t of imports + released oxide) / 2.
        AssertSeries([(40 + oxideStock) / 2], result.Producer("halt", "plant").Output);
        AssertSeries([50 - (40 + oxideStock) / 2], result.Shortage("halt", material: "mag"));
        AssertSeries([0], result.Shortage("calm", material: "mag"));
        AssertSeries([oxideStock], result.MaterialPath("halt", material: "ox").Releases);
        AssertSeries([40], result.Path("halt").Imports.Single(i => i.Material == "ox").Tonnes);
    }

    [Fact]
    public void Partly_stocked_oxide_cuts_the_magnet_shortage_by_half_a_tonne_per_tonne()
    {
        // Damage 50 (θ = 0) wants 60 t of oxide, but storage holds 20 t (magnets take none).
        // Halt: oxide 40 + 20 = 60 t → 30 t of magnets, 20 t short (= the 40 t of oxide still
        // missing / 2). calm 12·20 = 240; halt 240 + 20·50 = 1240 → E = 0.5·240 + 0.5·1240 = 740.
        var result = SolveOptimal(MagnetPlant(damage: 50, storage: 20));

        Assert.Equal(20, result.Stockpile(material: "ox"), Tol);
        Assert.Equal(740, result.Solver.Objective, Tol);
        AssertSeries([30], result.Producer("halt", "plant").Output);
        AssertSeries([20], result.Shortage("halt", material: "mag"));
        AssertSeries([20], result.MaterialPath("halt", material: "ox").Releases);
    }
}
