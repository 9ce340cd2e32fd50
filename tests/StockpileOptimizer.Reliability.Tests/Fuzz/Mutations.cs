using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace StockpileOptimizer.Reliability.Tests.Fuzz;

/// <summary>
/// One hostile edit of a request, in abstract numbers that <see cref="Mutations.Apply"/> turns
/// into a concrete edit of whatever the request holds by then: <see cref="Site"/> picks a
/// field (or list, or list item) anywhere in the request, <see cref="Choice"/> the hostile
/// value for that field's type, <see cref="Count"/> how many copies a list repetition adds.
/// </summary>
public sealed record Mutation(int Site, int Choice, int Count);

/// <summary>Hostile values by field type, and the walk that applies them anywhere in a message through protobuf reflection.</summary>
internal static class Mutations
{
    private static readonly double[] Doubles =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1, -1e-300, -0.0, 0, 1e308, double.MaxValue,
        double.MinValue, double.Epsilon, 1e-12, 0.5, 1, 2, 1e9, 1.0000001, 1e3, 1e6, 1e-6,
    ];

    private static readonly int[] Int32s = [int.MinValue, -1, 0, 1, 2, 3, 12, 13, 1_000_000, int.MaxValue];

    private static readonly long[] Int64s = [long.MinValue, -1, 0, 1, 10_000, 315_576_000_000, 315_576_000_001, long.MaxValue];

    private static readonly int[] UnknownEnums = [-1, 4, 9, 1000, int.MaxValue, int.MinValue];

    /// <summary>Odd strings: empty, blank, control characters, paths, injections, bidi overrides and isolates, emoji, ids of 63 and 64 characters, huge (up to 4,000,000 characters).</summary>
    private static readonly string[] OddStrings =
    [
        "", " ", "\0", "a\0b", "\t\r\n", "ZZ", "../../etc/passwd", "jobs/x", "jobs/../jobs/y", "'; DROP TABLE jobs; --",
        "\u202Eevil\u202C", "🙂🙂", "\uFFFD", "%s%n{0}", "NaN", "null", "-1", new string('x', 100_000), new string('é', 5_000),
        "a\u0007b", "a\u2067b\u2069", "a b", new string('i', 63), new string('i', 64), new string('x', 4_000_000),
    ];

    /// <summary>How many copies a list repetition adds.</summary>
    private static readonly int[] Repeats = [1, 2, 10, 1_000, 20_000];

    /// <summary>Applies <paramref name="mutation"/> to <paramref name="request"/> (in place) and says what it did.</summary>
    public static string Apply(IMessage request, Mutation mutation, IReadOnlyList<string> ids)
    {
        var sites = new List<Site>();
        Walk(request, "", sites);
        var site = sites[Math.Abs(mutation.Site % sites.Count)];
        return site.Apply(mutation.Choice, mutation.Count, ids);
    }

    /// <summary>Every id-like string in <paramref name="message"/> (fields named id), for dangling and duplicate references.</summary>
    public static IReadOnlyList<string> Ids(IMessage message)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        void Visit(IMessage m)
        {
            foreach (var field in m.Descriptor.Fields.InFieldNumberOrder())
            {
                var value = field.Accessor.GetValue(m);
                if (field.Name == "id" && value is string s && s.Length > 0)
                {
                    ids.Add(s);
                }
                else if (field.IsRepeated && value is IEnumerable list)
                {
                    foreach (var item in list)
                    {
                        if (item is IMessage child)
                        {
                            Visit(child);
                        }
                    }
                }
                else if (value is IMessage child)
                {
                    Visit(child);
                }
            }
        }
        Visit(message);
        return [.. ids];
    }

    private static void Walk(IMessage message, string path, List<Site> sites)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var here = path.Length == 0 ? field.JsonName : $"{path}.{field.JsonName}";
            if (field.IsMap)
            {
                continue;
            }
            if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                sites.Add(new ListSite(message, field, here));
                for (var i = 0; i < list.Count && i < 50; i++)
                {
                    if (list[i] is IMessage item)
                    {
                        Walk(item, $"{here}[{i}]", sites);
                    }
                    else
                    {
                        sites.Add(new ItemSite(list, i, field, $"{here}[{i}]"));
                    }
                }
            }
            else if (field.FieldType == FieldType.Message && !IsWrapper(field))
            {
                sites.Add(new MessageSite(message, field, here));
                if (field.Accessor.GetValue(message) is IMessage child)
                {
                    Walk(child, here, sites);
                }
            }
            else
            {
                sites.Add(new ScalarSite(message, field, here));
            }
        }
    }

    private static bool IsWrapper(FieldDescriptor field) =>
        field.FieldType == FieldType.Message && field.MessageType.File.Package == "google.protobuf" && field.MessageType.Name.EndsWith("Value", StringComparison.Ordinal);

    /// <summary>A hostile value for a field of <paramref name="field"/>'s scalar (or wrapped scalar) type; null: clear it.</summary>
    private static object? Hostile(FieldDescriptor field, int choice, IReadOnlyList<string> ids)
    {
        var type = IsWrapper(field) ? field.MessageType.FindFieldByNumber(1).FieldType : field.FieldType;
        var wrapper = IsWrapper(field);
        int Pick(int count) => (int)((uint)choice % (uint)count);
        return type switch
        {
            FieldType.Double => wrapper && Pick(Doubles.Length + 1) == Doubles.Length ? null : Doubles[Pick(Doubles.Length)],
            FieldType.Float => (float)Doubles[Pick(Doubles.Length)],
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => wrapper && Pick(Int32s.Length + 1) == Int32s.Length ? null : Int32s[Pick(Int32s.Length)],
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Int64s[Pick(Int64s.Length)],
            FieldType.UInt32 or FieldType.Fixed32 => (uint)Int32s[Pick(Int32s.Length)],
            FieldType.UInt64 or FieldType.Fixed64 => (ulong)Int64s[Pick(Int64s.Length)],
            FieldType.Bool => wrapper && Pick(3) == 2 ? null : Pick(2) == 1,
            FieldType.String => ids.Count > 0 && Pick(3) == 0
                ? ids[Pick(ids.Count * 3) / 3] // an id that exists: duplicates and references to the wrong kind of thing
                : wrapper && Pick(OddStrings.Length + 1) == OddStrings.Length ? null : OddStrings[Pick(OddStrings.Length)],
            FieldType.Bytes => ByteString.CopyFrom(new byte[Pick(64)]),
            FieldType.Enum => Pick(2) == 0
                ? field.EnumType.Values[Pick(field.EnumType.Values.Count)].Number
                : UnknownEnums[Pick(UnknownEnums.Length)],
            _ => null,
        };
    }

    private static string Show(object? value) => value switch
    {
        null => "unset",
        string { Length: > 40 } s => $"\"{s[..10]}…\" ({s.Length} chars)",
        string s => $"\"{Escape(s)}\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Escape(string s) => string.Concat(s.Select(c => char.IsControl(c) || c > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    private abstract record Site(string Path)
    {
        public abstract string Apply(int choice, int count, IReadOnlyList<string> ids);
    }

    private sealed record ScalarSite(IMessage Owner, FieldDescriptor Field, string Path) : Site(Path)
    {
        public override string Apply(int choice, int count, IReadOnlyList<string> ids)
        {
            var value = Hostile(Field, choice, ids);
            if (value is null)
            {
                Field.Accessor.Clear(Owner);
            }
            else
            {
                Field.Accessor.SetValue(Owner, Field.FieldType == FieldType.Enum ? Enum.ToObject(EnumClrType(Owner, Field), (int)value) : value);
            }
            return $"{Path} := {Show(value)}";
        }

        private static Type EnumClrType(IMessage owner, FieldDescriptor field) =>
            owner.GetType().GetProperty(field.PropertyName)!.PropertyType;
    }

    private sealed record ItemSite(IList List, int Index, FieldDescriptor Field, string Path) : Site(Path)
    {
        public override string Apply(int choice, int count, IReadOnlyList<string> ids)
        {
            var value = Hostile(Field, choice, ids) ?? (Field.FieldType == FieldType.String ? "" : Activator.CreateInstance(List[Index]!.GetType()));
            List[Index] = value;
            return $"{Path} := {Show(value)}";
        }
    }

    /// <summary>A singular message field: unset it, or set an empty one.</summary>
    private sealed record MessageSite(IMessage Owner, FieldDescriptor Field, string Path) : Site(Path)
    {
        public override string Apply(int choice, int count, IReadOnlyList<string> ids)
        {
            if ((uint)choice % 2 == 0)
            {
                Field.Accessor.Clear(Owner);
                return $"{Path} := unset";
            }
            Field.Accessor.SetValue(Owner, Field.MessageType.Parser.ParseFrom(ByteString.Empty));
            return $"{Path} := {{}}";
        }
    }

    /// <summary>A list: empty it, add a default item, repeat an item many times, or drop one.</summary>
    private sealed record ListSite(IMessage Owner, FieldDescriptor Field, string Path) : Site(Path)
    {
        public override string Apply(int choice, int count, IReadOnlyList<string> ids)
        {
            var list = (IList)Field.Accessor.GetValue(Owner);
            switch ((uint)choice % 4)
            {
                case 0:
                    list.Clear();
                    return $"{Path} := []";
                case 1:
                    list.Add(Field.FieldType == FieldType.Message
                        ? Field.MessageType.Parser.ParseFrom(ByteString.Empty)
                        : Hostile(Field, choice / 4, ids) ?? "");
                    return $"{Path} += default item";
                case 2 when list.Count > 0:
                    var repeats = Repeats[(uint)count % (uint)Repeats.Length];
                    var item = list[(int)((uint)(choice / 4) % (uint)list.Count)];
                    for (var i = 0; i < repeats; i++)
                    {
                        list.Add(item is IMessage m ? m.Clone() : item);
                    }
                    return $"{Path} += {repeats} copies of an item";
                case 3 when list.Count > 0:
                    var index = (int)((uint)(choice / 4) % (uint)list.Count);
                    list.RemoveAt(index);
                    return $"{Path} -= item {index}";
                default:
                    list.Clear();
                    return $"{Path} := []";
            }
        }
    }
}

internal static class MessageCloning
{
    public static IMessage Clone(this IMessage message)
    {
        var copy = message.Descriptor.Parser.ParseFrom(message.ToByteString());
        return copy;
    }
}
