using Google.Protobuf.WellKnownTypes;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;

namespace StockpileOptimizer.Server.Mapping;

/// <summary>
/// Proto → engine for solve options; unset fields keep the engine's defaults. The time limit is
/// the one asked for (null: the job system's default); a unary Solve caps it by its deadline
/// (<see cref="Model.Application.CallTimeLimit"/>). Here and not in Contracts/Mapping because
/// <see cref="SolveOptions"/> is the Model's, which Contracts does not reference.
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
        if (proto.TimeLimit is { } limit && !(DomainMapping.IsValid(limit) && limit.ToTimeSpan() > TimeSpan.Zero))
        {
            problems.Add(ProtoProblems.Invalid("options.timeLimit", "must be a positive google.protobuf.Duration: seconds at most "
                + $"{Duration.MaxSeconds}, nanos below 10⁹ with the sign of the seconds (got {{ seconds: {limit.Seconds}, nanos: {limit.Nanos} }})"));
        }
        return defaults with
        {
            Solver = Solver(proto.Solver, problems),
            TimeLimit = DomainMapping.ToTimeSpan(proto.TimeLimit),
            RelativeGap = proto.RelativeGap ?? defaults.RelativeGap,
            Seed = proto.Seed,
            ShadowPrices = proto.ShadowPrices ?? defaults.ShadowPrices,
            DiagnoseInfeasibility = proto.DiagnoseInfeasibility ?? defaults.DiagnoseInfeasibility,
            Explain = proto.Explain,
        };
    }

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
