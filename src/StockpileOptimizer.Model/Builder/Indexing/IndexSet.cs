using System.Collections;

namespace StockpileOptimizer.Model.Builder;

/// <summary>
/// The index set 0..Count−1 of one kind of index, e.g. <c>foreach (var c in d.Countries)</c>.
/// Its enumerator is a struct: a loop over it costs what a <c>for</c> loop does.
/// </summary>
internal readonly struct IndexSet<TIndex>(int count) : IReadOnlyList<TIndex> where TIndex : struct, IIndex<TIndex>
{
    public int Count => count;

    public TIndex this[int value] =>
        (uint)value < (uint)count ? TIndex.At(value) : throw new ArgumentOutOfRangeException(nameof(value), value, $"not in 0..{count - 1}");

    public Enumerator GetEnumerator() => new(count);

    IEnumerator<TIndex> IEnumerable<TIndex>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks 0..count−1.</summary>
    public struct Enumerator(int count) : IEnumerator<TIndex>
    {
        private int next = -1;

        public readonly TIndex Current => TIndex.At(next);

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++next < count;

        public void Reset() => next = -1;

        public readonly void Dispose()
        {
        }
    }
}
