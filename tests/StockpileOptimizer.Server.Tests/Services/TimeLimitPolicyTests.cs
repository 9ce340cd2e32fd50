using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using StockpileOptimizer.Server.Options;
using StockpileOptimizer.Server.Services;

namespace StockpileOptimizer.Server.Tests.Services;

public sealed class TimeLimitPolicyTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static TimeLimitPolicy Policy(TimeSpan margin) =>
        new(Microsoft.Extensions.Options.Options.Create(new ServerOptions { DeadlineMargin = margin }), new FixedClock(Now));

    [Fact]
    public void Without_a_deadline_the_request_decides_and_null_means_the_job_default()
    {
        var policy = Policy(TimeSpan.FromSeconds(2));

        Assert.Null(policy.ForCall(null, DateTime.MaxValue));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.ForCall(Duration.FromTimeSpan(TimeSpan.FromSeconds(30)), DateTime.MaxValue));
    }

    /// <summary>60 s left, 2 s margin: the solver gets 58 s unless the request asks for less.</summary>
    [Fact]
    public void The_deadline_less_the_margin_caps_the_time_limit()
    {
        var policy = Policy(TimeSpan.FromSeconds(2));
        var deadline = Now.AddSeconds(60);

        Assert.Equal(TimeSpan.FromSeconds(58), policy.ForCall(null, deadline));
        Assert.Equal(TimeSpan.FromSeconds(58), policy.ForCall(Duration.FromTimeSpan(TimeSpan.FromMinutes(5)), deadline));
        Assert.Equal(TimeSpan.FromSeconds(10), policy.ForCall(Duration.FromTimeSpan(TimeSpan.FromSeconds(10)), deadline));
    }

    /// <summary>3 s left, 2 s margin: at most half the time is kept, so the solver gets 1.5 s.</summary>
    [Fact]
    public void A_short_deadline_keeps_at_most_half_for_the_margin()
    {
        Assert.Equal(TimeSpan.FromSeconds(1.5), Policy(TimeSpan.FromSeconds(2)).ForCall(null, Now.AddSeconds(3)));
    }

    [Fact]
    public void A_deadline_already_passed_is_deadline_exceeded()
    {
        var error = Assert.Throws<RpcException>(() => Policy(TimeSpan.FromSeconds(2)).ForCall(null, Now.AddSeconds(-1)));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    /// <summary>10 s left: answer 500 ms before the deadline; 1 s left: a quarter of it, 250 ms before.</summary>
    [Fact]
    public void A_solve_answers_a_little_before_its_deadline()
    {
        var policy = Policy(TimeSpan.FromSeconds(2));

        Assert.Null(policy.UntilAnswerDue(DateTime.MaxValue));
        Assert.Equal(TimeSpan.FromMilliseconds(9500), policy.UntilAnswerDue(Now.AddSeconds(10)));
        Assert.Equal(TimeSpan.FromMilliseconds(750), policy.UntilAnswerDue(Now.AddSeconds(1)));
        Assert.Equal(TimeSpan.Zero, policy.UntilAnswerDue(Now.AddSeconds(-1)));
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
