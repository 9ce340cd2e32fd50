using Google.Protobuf.WellKnownTypes;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Server.Mapping;

/// <summary>
/// Proto → engine for solve options, except the time limit, which is the server's policy
/// (<see cref="Services.TimeLimitPolicy"/>). Unset fields keep the engine's defaults.
/// </summary>
internal static class OptionsFromProto
{
    public static SolveOptions ToDomain(V1.SolveOptions? proto, ICollection<Violation> problems)
    {
        var defaults = new SolveOptions();
        if (proto is null)
        {
            return defaults;
        }
        if (proto.RelativeGap is { } gap && !(double.IsFinite(gap) && gap >= 0))
        {
            problems.Add(ProtoProblems.Invalid("options.relativeGap", $"must be a finite number ≥ 0 (got {gap})"));
        }
        if (proto.TimeLimit is { } limit && !(IsValid(limit) && limit.ToTimeSpan() > TimeSpan.Zero))
        {
            problems.Add(ProtoProblems.Invalid("options.timeLimit", "must be a positive google.protobuf.Duration: seconds at most "
                + $"{Duration.MaxSeconds}, nanos below 10⁹ with the sign of the seconds (got {{ seconds: {limit.Seconds}, nanos: {limit.Nanos} }})"));
        }
        return defaults with
        {
            Solver = Solver(proto.Solver, problems),
            RelativeGap = proto.RelativeGap ?? defaults.RelativeGap,
            Seed = proto.Seed,
            ShadowPrices = proto.ShadowPrices ?? defaults.ShadowPrices,
            DiagnoseInfeasibility = proto.DiagnoseInfeasibility ?? defaults.DiagnoseInfeasibility,
            Explain = proto.Explain,
        };
    }

    /// <summary>
    /// Whether <paramref name="duration"/> is in google.protobuf.Duration's range (± 315,576,000,000 s,
    /// |nanos| below 10⁹ with the sign of the seconds); <see cref="Duration.ToTimeSpan"/> throws for any other.
    /// </summary>
    public static bool IsValid(Duration duration) =>
        duration.Seconds is >= Duration.MinSeconds and <= Duration.MaxSeconds
        && duration.Nanos is > -Duration.NanosecondsPerSecond and < Duration.NanosecondsPerSecond
        && !(duration.Seconds < 0 && duration.Nanos > 0) && !(duration.Seconds > 0 && duration.Nanos < 0);

    private static MipSolver Solver(V1.MipSolver solver, ICollection<Violation> problems)
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
                problems.Add(ProtoProblems.UnknownEnum("options.solver", (int)solver, "MIP_SOLVER_SCIP, MIP_SOLVER_CBC or MIP_SOLVER_HIGHS"));
                return MipSolver.Scip;
        }
    }
}
