using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using StockpileOptimizer.Server.Mapping;
using StockpileOptimizer.Server.Options;

namespace StockpileOptimizer.Server.Services;

/// <summary>
/// The solver time limit a request asks for. For a unary Solve the call's deadline, less a
/// margin kept for extraction and the answer (at most half of what remains), caps it. The
/// job system then applies its default (none asked) and maximum (Jobs:*TimeLimitSeconds).
/// </summary>
internal sealed class TimeLimitPolicy(IOptions<ServerOptions> options, TimeProvider time)
{
    private static readonly TimeSpan AnswerSlack = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// For StartSolve: there is no call to wait for. Null: the job system's default — also for a
    /// duration out of google.protobuf.Duration's range, which <see cref="OptionsFromProto"/> reports.
    /// </summary>
    public static TimeSpan? ForJob(Duration? requested) =>
        requested is not null && OptionsFromProto.IsValid(requested) ? requested.ToTimeSpan() : null;

    /// <summary>For Solve, whose caller waits until <paramref name="deadline"/> (UTC; <see cref="DateTime.MaxValue"/>: none).</summary>
    /// <exception cref="Grpc.Core.RpcException">DEADLINE_EXCEEDED: no time is left.</exception>
    public TimeSpan? ForCall(Duration? requested, DateTime deadline)
    {
        if (deadline == DateTime.MaxValue)
        {
            return ForJob(requested);
        }
        var remaining = deadline - time.GetUtcNow().UtcDateTime;
        if (remaining <= TimeSpan.Zero)
        {
            throw RpcErrors.DeadlineExceeded("the call's deadline passed before the solve could start");
        }
        var margin = options.Value.DeadlineMargin;
        var byDeadline = remaining - (margin < remaining / 2 ? margin : remaining / 2);
        return ForJob(requested) is { } asked && asked < byDeadline ? asked : byDeadline;
    }

    /// <summary>
    /// How long a Solve may wait for its job before it answers DEADLINE_EXCEEDED itself:
    /// a little before the deadline (<see cref="AnswerSlack"/>, at most a quarter of the time
    /// left), so that the caller gets that status rather than a stream reset by whichever
    /// deadline timer, the client's or the server's, fires first. Null without a deadline.
    /// </summary>
    public TimeSpan? UntilAnswerDue(DateTime deadline)
    {
        if (deadline == DateTime.MaxValue)
        {
            return null;
        }
        var remaining = deadline - time.GetUtcNow().UtcDateTime;
        var slack = AnswerSlack < remaining / 4 ? AnswerSlack : remaining / 4;
        return remaining - slack > TimeSpan.Zero ? remaining - slack : TimeSpan.Zero;
    }
}
