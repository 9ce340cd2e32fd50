using StockpileOptimizer.Model.Sampling;

namespace StockpileOptimizer.Cluster.Grains;

/// <summary>
/// A batch grain's reply: <see cref="Prepared"/> false when the activation has no worker (send
/// the batch), else the answers in batch order.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class BatchReply
{
    public static readonly BatchReply NotPrepared = new() { Prepared = false, Answers = [] };

    [Id(0)] public required bool Prepared { get; init; }

    [Id(1)] public required ScenarioReply[] Answers { get; init; }

    public static BatchReply From(BatchAnswer answer) => new()
    {
        Prepared = true,
        Answers = answer.Scenarios.Select(ScenarioReply.From).ToArray(),
    };

    public BatchAnswer ToAnswer() => Prepared
        ? new BatchAnswer(Answers.Select(a => a.ToAnswer()).ToArray())
        : throw new InvalidOperationException("the batch was not prepared: it has no answer");
}

/// <summary>One scenario's <see cref="SubproblemAnswer"/> on the wire.</summary>
[GenerateSerializer, Immutable]
public sealed class ScenarioReply
{
    [Id(0)] public required int Scenario { get; init; }

    /// <summary>The <see cref="SubproblemStatus"/> as its number.</summary>
    [Id(1)] public required int Status { get; init; }

    [Id(2)] public required double Value { get; init; }

    [Id(3)] public required double[] Subgradient { get; init; }

    [Id(4)] public required string Message { get; init; }

    public static ScenarioReply From(SubproblemAnswer answer) => new()
    {
        Scenario = answer.Scenario,
        Status = (int)answer.Status,
        Value = answer.Value,
        Subgradient = answer.Subgradient,
        Message = answer.Message,
    };

    public SubproblemAnswer ToAnswer() => new(Scenario, (SubproblemStatus)Status, Value, Subgradient, Message);
}
