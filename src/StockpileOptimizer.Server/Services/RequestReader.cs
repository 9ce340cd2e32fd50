using Microsoft.Extensions.Options;
using StockpileOptimizer.Contracts.Mapping;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Model;
using StockpileOptimizer.Server.Mapping;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Services;

/// <summary>
/// Turns requests into engine inputs and rejects them, all problems at once, with
/// INVALID_ARGUMENT: the proto-level problems of the mapping, every rule of
/// <see cref="InstanceValidator"/> (checked once, into a <see cref="ValidatedInstance"/>), and the server's size limits (scenarios × periods, and the
/// model's variables as <see cref="ModelSizeEstimate"/> counts them before it is built).
/// </summary>
internal sealed class RequestReader(IOptions<ServerOptions> options, IOptions<ModelLimitOptions> modelLimits)
{
    /// <summary>Longest request_id accepted (AIP-155 suggests a UUID, 36 characters).</summary>
    public const int MaxRequestIdLength = 128;

    public ValidatedInstance Instance(V1.StockpileInstance? proto)
    {
        var problems = new List<Violation>();
        var instance = Instance(proto, problems);
        ThrowIfAny(problems);
        return instance!;
    }

    public (ValidatedInstance Instance, SolveOptions Options) Solve(
        V1.StockpileInstance? proto, V1.SolveOptions? solveOptions, string requestId = "")
    {
        var problems = new List<Violation>();
        var instance = Instance(proto, problems);
        var engineOptions = SolveOptions.From(DomainMapping.ToDomain(solveOptions, problems));
        if (requestId.Length > MaxRequestIdLength)
        {
            problems.Add(ProtoProblems.Invalid("requestId", $"must be at most {MaxRequestIdLength} characters (got {requestId.Length})"));
        }
        ThrowIfAny(problems);
        return (instance!, engineOptions);
    }

    public string JobId(string name, string field = "name")
    {
        var problems = new List<Violation>();
        var id = JobNames.Parse(name, field, problems);
        ThrowIfAny(problems);
        return id!;
    }

    public static void ThrowIfAny(IReadOnlyList<Violation> problems)
    {
        if (problems.Count > 0)
        {
            throw RpcErrors.InvalidArgument(problems);
        }
    }

    /// <summary>The instance, validated once; null when it (or its mapping) has a problem, all of them added to <paramref name="problems"/>.</summary>
    internal ValidatedInstance? Instance(V1.StockpileInstance? proto, List<Violation> problems)
    {
        if (proto is null)
        {
            problems.Add(ProtoProblems.Required("instance"));
            return null;
        }
        var before = problems.Count;
        var instance = DomainMapping.ToDomain(proto, problems);
        var (valid, violations) = ValidatedInstance.Validate(instance);
        problems.AddRange(violations);
        var size = (long)instance.Scenarios.Count * instance.Horizon.Periods;
        var limit = options.Value.MaxScenarioPeriods;
        if (size > limit)
        {
            problems.Add(ProtoProblems.Invalid("scenarios",
                $"make a model too large for this server: {instance.Scenarios.Count} scenarios × {instance.Horizon.Periods} periods = {size}, the limit is {limit} (Server:MaxScenarioPeriods)"));
        }
        // Counted from the sets, before anything is built: a wide instance builds slowly and big.
        var model = ModelSizeEstimate.Of(instance);
        var maxVariables = modelLimits.Value.MaxModelVariables;
        if (model.Variables > maxVariables)
        {
            problems.Add(ProtoProblems.Invalid("instance",
                $"makes a model too large for this server: about {model.Variables} variables and {model.Rows} rows "
                + $"({instance.Countries.Count} countries × {instance.Materials.Count} materials × {instance.Horizon.Periods} periods × {instance.Scenarios.Count} scenarios, "
                + $"{instance.Producers.Count} producers, {instance.Imports.Count} import links, {instance.Demands.Count} demands), "
                + $"the limit is {maxVariables} variables (Server:MaxModelVariables)"));
        }
        return problems.Count == before ? valid : null;
    }
}
