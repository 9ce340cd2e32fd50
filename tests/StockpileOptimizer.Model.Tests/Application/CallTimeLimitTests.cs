using StockpileOptimizer.Model.Application;

namespace StockpileOptimizer.Model.Tests.Application;

public sealed class CallTimeLimitTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    [Fact]
    public void Without_a_deadline_the_request_decides_and_null_means_the_job_default()
    {
        Assert.Null(CallTimeLimit.ForCall(null, null, Margin));
        Assert.Equal(TimeSpan.FromSeconds(30), CallTimeLimit.ForCall(TimeSpan.FromSeconds(30), null, Margin));
    }

    /// <summary>60 s left, 2 s margin: the solver gets 58 s unless the request asks for less.</summary>
    [Fact]
    public void The_deadline_less_the_margin_caps_the_time_limit()
    {
        var left = TimeSpan.FromSeconds(60);

        Assert.Equal(TimeSpan.FromSeconds(58), CallTimeLimit.ForCall(null, left, Margin));
        Assert.Equal(TimeSpan.FromSeconds(58), CallTimeLimit.ForCall(TimeSpan.FromMinutes(5), left, Margin));
        Assert.Equal(TimeSpan.FromSeconds(10), CallTimeLimit.ForCall(TimeSpan.FromSeconds(10), left, Margin));
    }

    /// <summary>3 s left, 2 s margin: at most half the time is kept, so the solver gets 1.5 s.</summary>
    [Fact]
    public void A_short_deadline_keeps_at_most_half_for_the_margin()
    {
        Assert.Equal(TimeSpan.FromSeconds(1.5), CallTimeLimit.ForCall(null, TimeSpan.FromSeconds(3), Margin));
    }

    [Fact]
    public void No_time_left_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CallTimeLimit.ForCall(null, TimeSpan.Zero, Margin));
        Assert.Throws<ArgumentOutOfRangeException>(() => CallTimeLimit.ForCall(null, TimeSpan.FromSeconds(-1), Margin));
    }

    /// <summary>10 s left: answer 500 ms before the deadline; 1 s left: a quarter of it, 250 ms before; passed: at once.</summary>
    [Fact]
    public void A_solve_answers_a_little_before_its_deadline()
    {
        Assert.Null(CallTimeLimit.UntilAnswerDue(null));
        Assert.Equal(TimeSpan.FromMilliseconds(9500), CallTimeLimit.UntilAnswerDue(TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromMilliseconds(750), CallTimeLimit.UntilAnswerDue(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.Zero, CallTimeLimit.UntilAnswerDue(TimeSpan.FromSeconds(-1)));
    }
}
