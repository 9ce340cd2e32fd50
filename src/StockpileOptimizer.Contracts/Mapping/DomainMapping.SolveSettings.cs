using Google.Protobuf.WellKnownTypes;
using StockpileOptimizer.Domain;
using V1 = StockpileOptimizer.Contracts.V1;

namespace StockpileOptimizer.Contracts.Mapping;

// SolveOptions (stockpile_service.proto) ⇄ SolveSettings: unset fields keep the defaults.
public static partial class DomainMapping
{
    /// <summary>
    /// The settings of a request; an unset message gives the defaults. A negative or non-finite
    /// gap, a time limit that is not a positive Duration and an unknown solver are reported in
    /// <paramref name="problems"/> (paths options.…), and the field keeps its default.
    /// </summary>
    public static SolveSettings ToDomain(V1.SolveOptions? proto, ICollection<Violation> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var defaults = new SolveSettings();
        if (proto is null)
        {
            return defaults;
        }
        if (proto.RelativeGap is { } gap && !(double.IsFinite(gap) && gap >= 0))
        {
            problems.Add(FieldProblems.Invalid("options.relativeGap", $"must be a finite number ≥ 0 (got {gap})"));
        }
        if (proto.TimeLimit is { } limit && !(IsValid(limit) && limit.ToTimeSpan() > TimeSpan.Zero))
        {
            problems.Add(FieldProblems.Invalid("options.timeLimit", "must be a positive google.protobuf.Duration: seconds at most "
                + $"{Duration.MaxSeconds}, nanos below 10⁹ with the sign of the seconds (got {{ seconds: {limit.Seconds}, nanos: {limit.Nanos} }})"));
        }
        return defaults with
        {
            Solver = ToDomain(proto.Solver, problems),
            TimeLimit = ToTimeSpan(proto.TimeLimit),
            RelativeGap = proto.RelativeGap ?? defaults.RelativeGap,
            Seed = proto.Seed,
            ShadowPrices = proto.ShadowPrices ?? defaults.ShadowPrices,
            DiagnoseInfeasibility = proto.DiagnoseInfeasibility ?? defaults.DiagnoseInfeasibility,
            Explain = proto.Explain,
        };
    }

    /// <summary>The settings on the wire, every field set (no time limit: unset, the server's default).</summary>
    public static V1.SolveOptions ToProto(SolveSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new V1.SolveOptions
        {
            Solver = ToProto(settings.Solver),
            TimeLimit = settings.TimeLimit is { } limit ? Duration.FromTimeSpan(limit) : null,
            RelativeGap = settings.RelativeGap,
            Seed = settings.Seed,
            ShadowPrices = settings.ShadowPrices,
            DiagnoseInfeasibility = settings.DiagnoseInfeasibility,
            Explain = settings.Explain,
        };
    }

    public static V1.MipSolver ToProto(MipSolver solver) => solver switch
    {
        MipSolver.Scip => V1.MipSolver.Scip,
        MipSolver.Cbc => V1.MipSolver.Cbc,
        MipSolver.Highs => V1.MipSolver.Highs,
        _ => throw new ArgumentOutOfRangeException(nameof(solver), solver, "unknown solver"),
    };

    /// <summary>Unset is SCIP; a value this build does not know is a problem at options.solver (and SCIP).</summary>
    private static MipSolver ToDomain(V1.MipSolver solver, ICollection<Violation> problems)
    {
        switch (solver)
        {
            case V1.MipSolver.Unspecified:
            case V1.MipSolver.Scip:
                return MipSolver.Scip;
            case V1.MipSolver.Cbc:
                return MipSolver.Cbc;
            case V1.MipSolver.Highs:
                return MipSolver.Highs;
            default:
                problems.Add(FieldProblems.UnknownEnum("options.solver", (int)solver, "MIP_SOLVER_SCIP, MIP_SOLVER_CBC or MIP_SOLVER_HIGHS"));
                return MipSolver.Scip;
        }
    }
}
