using StockpileOptimizer.Model.Builder;

namespace StockpileOptimizer.Model.Tests.Indexing;

/// <summary>
/// The typed tables of the model data: stored flat, they must still behave as the
/// multi-dimensional arrays they replaced — row-major positions, each index checked against its
/// own set — and typed indices must order as their ints do (the builder sorts scenarios).
/// </summary>
public sealed class IndexedTableTests
{
    private static readonly IndexSet<CountryIndex> TwoCountries = new(2);
    private static readonly IndexSet<MaterialIndex> ThreeMaterials = new(3);
    private static readonly IndexSet<PeriodIndex> FourPeriods = new(4);

    [Fact]
    public void Entries_lie_in_row_major_order()
    {
        var table = new Table<CountryIndex, MaterialIndex, PeriodIndex, int>(TwoCountries, ThreeMaterials, FourPeriods);
        foreach (var c in TwoCountries)
        {
            foreach (var m in ThreeMaterials)
            {
                foreach (var t in FourPeriods)
                {
                    table[c, m, t] = 100 * c + 10 * m + t;
                }
            }
        }
        // Position of (c,m,t) = (c·3 + m)·4 + t, as in an int[2,3,4] walked in order.
        Assert.Equal(24, table.Values.Count);
        Assert.Equal(123, table.Values[(1 * 3 + 2) * 4 + 3]);
        Assert.Equal(10, table.Values[(0 * 3 + 1) * 4 + 0]);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => 100 * (i / 12) + 10 * (i / 4 % 3) + i % 4), table.Values);
    }

    [Fact]
    public void An_index_outside_its_own_set_throws_even_where_the_flat_position_exists()
    {
        var table = new Table<CountryIndex, MaterialIndex, double>(TwoCountries, ThreeMaterials);
        // (c0, m3) would be flat position 3, the entry of (c1, m0): a silent wrong read without the check.
        Assert.Throws<IndexOutOfRangeException>(() => table[new CountryIndex(0), new MaterialIndex(3)]);
        Assert.Throws<IndexOutOfRangeException>(() => table[new CountryIndex(-1), new MaterialIndex(2)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreeMaterials[3]);
    }

    [Fact]
    public void Writes_through_the_indexer_add_in_place_and_clones_are_apart()
    {
        var table = new Table<CountryIndex, MaterialIndex, double>(TwoCountries, ThreeMaterials);
        var (c, m) = (TwoCountries[1], ThreeMaterials[2]);
        table[c, m] += 2.5;
        table[c, m] += 1.5;
        var copy = table.Clone();
        table.Fill(-1);

        Assert.Equal(4.0, copy[c, m]);
        Assert.Equal(5, copy.Values.Count(v => v == 0));
        Assert.All(table.Values, v => Assert.Equal(-1, v));
    }

    [Fact]
    public void Index_sets_walk_their_range_and_indices_order_as_ints()
    {
        Assert.Equal([0, 1, 2, 3], FourPeriods.Select(t => (int)t));
        Assert.Empty(new IndexSet<ScenarioIndex>(0));
        var shuffled = new[] { new ScenarioIndex(2), new ScenarioIndex(0), new ScenarioIndex(1) };
        Assert.Equal([0, 1, 2], shuffled.Order().Select(s => s.Value));
        Assert.True(FourPeriods[2].Previous == FourPeriods[1] && FourPeriods[0].IsFirst && !FourPeriods[1].IsFirst);
    }
}
