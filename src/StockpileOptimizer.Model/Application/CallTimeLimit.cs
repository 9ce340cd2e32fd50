namespace StockpileOptimizer.Model.Application;

/// <summary>
/// The time rule of a solve whose caller waits for the answer (the unary Solve), on the time
/// left until the caller's deadline: that time, less a margin kept for extraction and the
/// answer (at most half of what remains), caps the solver's time limit, and the wait for the
/// answer ends a little before the deadline. Without a deadline the asked limit stands (null:
/// the job system's default, which also applies its maximum).
/// </summary>
public static class CallTimeLimit
{
    /// <summary>How long before the deadline a waiting caller is answered, at most (see <see cref="UntilAnswerDue"/>).</summary>
    public static readonly TimeSpan AnswerSlack = TimeSpan.FromMilliseconds(500);

    /// <summary>The solver time limit of the solve.</summary>
    /// <param name="requested">The limit the request asks for; null: none.</param>
    /// <param name="remaining">Time left until the caller's deadline; null: no deadline.</param>
    /// <param name="margin">Time kept for extraction and the answer; at most half of <paramref name="remaining"/> is kept.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="remaining"/> is not positive: no time is left to solve.</exception>
    public static TimeSpan? ForCall(TimeSpan? requested, TimeSpan? remaining, TimeSpan margin)
    {
        if (remaining is not { } left)
        {
            return requested;
        }
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(left, TimeSpan.Zero, nameof(remaining));
        var byDeadline = left - (margin < left / 2 ? margin : left / 2);
        return requested is { } asked && asked < byDeadline ? asked : byDeadline;
    }

    /// <summary>
    /// How long the caller's wait for its job may last before it is answered DEADLINE_EXCEEDED
    /// by the server itself: a little before the deadline (<see cref="AnswerSlack"/>, at most a
    /// quarter of the time left), so that the caller gets that status rather than a stream
    /// reset by whichever deadline timer, the client's or the server's, fires first. Null
    /// without a deadline; zero once it has passed.
    /// </summary>
    public static TimeSpan? UntilAnswerDue(TimeSpan? remaining)
    {
        if (remaining is not { } left)
        {
            return null;
        }
        var slack = AnswerSlack < left / 4 ? AnswerSlack : left / 4;
        return left - slack > TimeSpan.Zero ? left - slack : TimeSpan.Zero;
    }
}
