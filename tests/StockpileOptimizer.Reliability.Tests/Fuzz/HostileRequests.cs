using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using StockpileOptimizer.Contracts.Mapping;

namespace StockpileOptimizer.Reliability.Tests.Fuzz;

public enum FuzzMethod
{
    Solve,
    StartSolve,
    ValidateScenario,
}

/// <summary>A generated request: a method, a valid starting instance, and the hostile edits made to the request.</summary>
public sealed record FuzzCase(FuzzMethod Method, int Base, Mutation[] Mutations)
{
    /// <summary>What the case sends, edit by edit (FsCheck prints this for a failing case).</summary>
    public override string ToString() => $"{HostileRequests.Build(this)} (base {Base})";
}

/// <summary>The request a <see cref="FuzzCase"/> stands for, and what its mutations did.</summary>
internal sealed record BuiltRequest(FuzzMethod Method, IMessage Message, V1.StockpileInstance? Instance, IReadOnlyList<string> Edits)
{
    public override string ToString() => $"{Method}: {(Edits.Count == 0 ? "no edit (valid)" : string.Join("; ", Edits))}";
}

/// <summary>FsCheck generators of hostile Solve / StartSolve / ValidateScenario requests.</summary>
internal static class HostileRequests
{
    /// <summary>Solver time limit asked by every generated solve; the fuzz host also caps it (Jobs:MaxTimeLimitSeconds=1).</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(1);

    private static readonly V1.StockpileInstance[] Bases =
    [
        DomainMapping.ToProto(Instances.Newsvendor()),
        DomainMapping.ToProto(Instances.Rich()),
    ];

    private static readonly IReadOnlyList<string>[] BaseIds = [.. Bases.Select(b => Mutations.Ids(b).Append("jobs/1").ToList())];

    private static int requestIds;

    public static Gen<Mutation> Mutation =>
        Gen.Choose(0, int.MaxValue).SelectMany(site => Gen.Choose(0, int.MaxValue).SelectMany(choice =>
            Gen.Frequency((8, Gen.Choose(0, 2)), (2, Gen.Choose(3, 4))).Select(count => new Mutation(site, choice, count))));

    /// <summary>Mostly one to three edits; a few cases with none (valid requests) and a few with many.</summary>
    public static Gen<FuzzCase> Case =>
        from method in Gen.Elements(FuzzMethod.Solve, FuzzMethod.StartSolve, FuzzMethod.ValidateScenario)
        from @base in Gen.Choose(0, Bases.Length - 1)
        from count in Gen.Frequency((1, Gen.Constant(0)), (12, Gen.Choose(1, 3)), (2, Gen.Choose(4, 10)))
        from mutations in Gen.ArrayOf(Mutation, count)
        select new FuzzCase(method, @base, mutations);

    /// <summary>Shrinks by dropping edits, so that a failure is reported with the fewest edits that still fail.</summary>
    public static IEnumerable<FuzzCase> Shrink(FuzzCase c)
    {
        for (var i = 0; i < c.Mutations.Length; i++)
        {
            yield return c with { Mutations = [.. c.Mutations[..i], .. c.Mutations[(i + 1)..]] };
        }
        if (c.Base != 0)
        {
            yield return c with { Base = 0 };
        }
    }

    public static Arbitrary<FuzzCase> Arbitrary => Arb.From(Case, Shrink);

    public static BuiltRequest Build(FuzzCase c)
    {
        var instance = Bases[c.Base].Clone();
        var options = new V1.SolveOptions { TimeLimit = Duration.FromTimeSpan(TimeLimit) };
        IMessage request = c.Method switch
        {
            FuzzMethod.Solve => new V1.SolveRequest { Instance = instance, Options = options },
            FuzzMethod.StartSolve => new V1.StartSolveRequest
            {
                Instance = instance, Options = options, RequestId = $"fuzz-{Interlocked.Increment(ref requestIds)}-{Guid.NewGuid():N}",
            },
            _ => new V1.ValidateScenarioRequest { Instance = instance },
        };
        var edits = c.Mutations.Select(m => Mutations.Apply(request, m, BaseIds[c.Base])).ToList();
        var after = request switch
        {
            V1.SolveRequest s => s.Instance,
            V1.StartSolveRequest s => s.Instance,
            V1.ValidateScenarioRequest v => v.Instance,
            _ => null,
        };
        return new BuiltRequest(c.Method, request, after, edits);
    }
}
