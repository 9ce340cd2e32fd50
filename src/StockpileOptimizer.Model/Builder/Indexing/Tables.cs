using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace StockpileOptimizer.Model.Builder;

// Values over two to five index sets, e.g. Demand[c, m, k, t, s]: the indexer takes the typed
// indices in their declared order and returns a reference (read, assign or add in place).
// Stored flat in row-major order; each index is checked against its own set, as a
// multi-dimensional array would.

/// <summary>Values over (a, b), stored flat.</summary>
internal sealed class Table<TA, TB, TValue>
    where TA : struct, IIndex<TA>
    where TB : struct, IIndex<TB>
{
    private readonly int nA;
    private readonly int nB;
    private readonly TValue[] values;

    public Table(IndexSet<TA> a, IndexSet<TB> b)
    {
        nA = a.Count;
        nB = b.Count;
        values = new TValue[nA * nB];
    }

    private Table(Table<TA, TB, TValue> other)
    {
        nA = other.nA;
        nB = other.nB;
        values = (TValue[])other.values.Clone();
    }

    public ref TValue this[TA a, TB b]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref values[Flat.Check(a.Value, nA) * nB + Flat.Check(b.Value, nB)];
    }

    /// <summary>Sets every entry to <paramref name="value"/>.</summary>
    public void Fill(TValue value) => Array.Fill(values, value);

    /// <summary>Every entry, in row-major order.</summary>
    public IReadOnlyList<TValue> Values => values;

    /// <summary>A copy with the same sets and values.</summary>
    public Table<TA, TB, TValue> Clone() => new(this);
}

/// <summary>Values over (a, b, c), stored flat.</summary>
internal sealed class Table<TA, TB, TC, TValue>
    where TA : struct, IIndex<TA>
    where TB : struct, IIndex<TB>
    where TC : struct, IIndex<TC>
{
    private readonly int nA;
    private readonly int nB;
    private readonly int nC;
    private readonly TValue[] values;

    public Table(IndexSet<TA> a, IndexSet<TB> b, IndexSet<TC> c)
    {
        nA = a.Count;
        nB = b.Count;
        nC = c.Count;
        values = new TValue[nA * nB * nC];
    }

    private Table(Table<TA, TB, TC, TValue> other)
    {
        nA = other.nA;
        nB = other.nB;
        nC = other.nC;
        values = (TValue[])other.values.Clone();
    }

    public ref TValue this[TA a, TB b, TC c]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref values[(Flat.Check(a.Value, nA) * nB + Flat.Check(b.Value, nB)) * nC + Flat.Check(c.Value, nC)];
    }

    /// <summary>Sets every entry to <paramref name="value"/>.</summary>
    public void Fill(TValue value) => Array.Fill(values, value);

    /// <summary>Every entry, in row-major order.</summary>
    public IReadOnlyList<TValue> Values => values;

    /// <summary>A copy with the same sets and values.</summary>
    public Table<TA, TB, TC, TValue> Clone() => new(this);
}

/// <summary>Values over (a, b, c, d), stored flat.</summary>
internal sealed class Table<TA, TB, TC, TD, TValue>
    where TA : struct, IIndex<TA>
    where TB : struct, IIndex<TB>
    where TC : struct, IIndex<TC>
    where TD : struct, IIndex<TD>
{
    private readonly int nA;
    private readonly int nB;
    private readonly int nC;
    private readonly int nD;
    private readonly TValue[] values;

    public Table(IndexSet<TA> a, IndexSet<TB> b, IndexSet<TC> c, IndexSet<TD> d)
    {
        nA = a.Count;
        nB = b.Count;
        nC = c.Count;
        nD = d.Count;
        values = new TValue[nA * nB * nC * nD];
    }

    private Table(Table<TA, TB, TC, TD, TValue> other)
    {
        nA = other.nA;
        nB = other.nB;
        nC = other.nC;
        nD = other.nD;
        values = (TValue[])other.values.Clone();
    }

    public ref TValue this[TA a, TB b, TC c, TD d]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref values[((Flat.Check(a.Value, nA) * nB + Flat.Check(b.Value, nB)) * nC + Flat.Check(c.Value, nC)) * nD + Flat.Check(d.Value, nD)];
    }

    /// <summary>Sets every entry to <paramref name="value"/>.</summary>
    public void Fill(TValue value) => Array.Fill(values, value);

    /// <summary>Every entry, in row-major order.</summary>
    public IReadOnlyList<TValue> Values => values;

    /// <summary>A copy with the same sets and values.</summary>
    public Table<TA, TB, TC, TD, TValue> Clone() => new(this);
}

/// <summary>Values over (a, b, c, d, e), stored flat.</summary>
internal sealed class Table<TA, TB, TC, TD, TE, TValue>
    where TA : struct, IIndex<TA>
    where TB : struct, IIndex<TB>
    where TC : struct, IIndex<TC>
    where TD : struct, IIndex<TD>
    where TE : struct, IIndex<TE>
{
    private readonly int nA;
    private readonly int nB;
    private readonly int nC;
    private readonly int nD;
    private readonly int nE;
    private readonly TValue[] values;

    public Table(IndexSet<TA> a, IndexSet<TB> b, IndexSet<TC> c, IndexSet<TD> d, IndexSet<TE> e)
    {
        nA = a.Count;
        nB = b.Count;
        nC = c.Count;
        nD = d.Count;
        nE = e.Count;
        values = new TValue[nA * nB * nC * nD * nE];
    }

    private Table(Table<TA, TB, TC, TD, TE, TValue> other)
    {
        nA = other.nA;
        nB = other.nB;
        nC = other.nC;
        nD = other.nD;
        nE = other.nE;
        values = (TValue[])other.values.Clone();
    }

    public ref TValue this[TA a, TB b, TC c, TD d, TE e]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref values[(((Flat.Check(a.Value, nA) * nB + Flat.Check(b.Value, nB)) * nC + Flat.Check(c.Value, nC)) * nD + Flat.Check(d.Value, nD)) * nE + Flat.Check(e.Value, nE)];
    }

    /// <summary>Sets every entry to <paramref name="value"/>.</summary>
    public void Fill(TValue value) => Array.Fill(values, value);

    /// <summary>Every entry, in row-major order.</summary>
    public IReadOnlyList<TValue> Values => values;

    /// <summary>A copy with the same sets and values.</summary>
    public Table<TA, TB, TC, TD, TE, TValue> Clone() => new(this);
}

internal static class Flat
{
    /// <summary>The index itself when it lies in 0..count−1. Inlined: the throw is kept out of line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Check(int index, int count)
    {
        if ((uint)index >= (uint)count)
        {
            OutOfRange(index, count);
        }
        return index;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OutOfRange(int index, int count) =>
        throw new IndexOutOfRangeException($"index {index} is not in 0..{count - 1}");
}
