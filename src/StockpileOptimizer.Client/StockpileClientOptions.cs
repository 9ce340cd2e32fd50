namespace StockpileOptimizer.Client;

/// <summary>
/// Where the server is and how patient to be with it. Every property has a default that suits
/// a service calling a server in the same cluster; <see cref="Address"/> is the one to set.
/// </summary>
public sealed class StockpileClientOptions
{
    /// <summary>The server, e.g. <c>http://localhost:5080</c> (HTTP/2 without TLS) or <c>https://stockpile.internal</c>.</summary>
    public Uri? Address { get; set; }

    /// <summary>Sent as the <c>x-api-key</c> metadata header on every call when set (the server's <c>Server:ApiKey</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The deadline of each attempt of a unary call other than <c>Solve</c> (StartSolve, GetJob,
    /// CancelJob, ListJobs, ValidateScenario, GetDefaultScenario, the analysis calls). An attempt
    /// that has no answer by then fails with DEADLINE_EXCEEDED, which is not retried and surfaces
    /// as <see cref="StockpileTimeoutException"/>. Default 30 s.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>Solve</c> (unary) waits for the solver: its deadline is the solver's time limit (the one
    /// given, else <see cref="DefaultSolveTimeLimit"/>) plus this slack for queueing, building
    /// the model and extracting the result. Default 30 s.
    /// </summary>
    public TimeSpan SolveDeadlineSlack { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The time limit assumed for a <c>Solve</c> that gives none, to size its deadline: the
    /// server's own default (<c>Jobs:DefaultTimeLimitSeconds</c>, 60 s unless configured).
    /// </summary>
    public TimeSpan DefaultSolveTimeLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Retries after the first attempt of a call that failed with UNAVAILABLE (server down,
    /// restarting or shutting down; connection refused). No other status is retried. Default 5.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>The first retry's delay; later ones double, each with jitter. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between two attempts. Default 5 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest message accepted from the server (a solve's result can be large). Default 64 MiB.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Largest message sent (an instance). Null: no limit (the server has its own, 16 MiB by default).</summary>
    public int? MaxSendMessageBytes { get; set; }

    /// <summary>
    /// Called before each retry with the call's method, the attempt that failed (1-based) and
    /// the delay before the next; for logging. Default: nothing.
    /// </summary>
    public Action<StockpileRetry>? OnRetry { get; set; }

    /// <summary>Checks the values and returns the address; throws <see cref="ArgumentException"/> naming the property at fault.</summary>
    internal Uri Validate()
    {
        if (Address is null)
        {
            throw new ArgumentException("StockpileClientOptions.Address is required, e.g. http://localhost:5080", nameof(Address));
        }
        if (!Address.IsAbsoluteUri || Address.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"StockpileClientOptions.Address must be an http:// or https:// URL (got '{Address}')", nameof(Address));
        }
        Positive(CallTimeout, nameof(CallTimeout));
        Positive(DefaultSolveTimeLimit, nameof(DefaultSolveTimeLimit));
        Positive(RetryBaseDelay, nameof(RetryBaseDelay));
        Positive(RetryMaxDelay, nameof(RetryMaxDelay));
        if (SolveDeadlineSlack < TimeSpan.Zero)
        {
            throw new ArgumentException($"StockpileClientOptions.SolveDeadlineSlack must not be negative (got {SolveDeadlineSlack})", nameof(SolveDeadlineSlack));
        }
        if (MaxRetryAttempts < 0)
        {
            throw new ArgumentException($"StockpileClientOptions.MaxRetryAttempts must be ≥ 0 (got {MaxRetryAttempts})", nameof(MaxRetryAttempts));
        }
        return Address;
    }

    internal StockpileClientOptions Clone() => (StockpileClientOptions)MemberwiseClone();

    internal void CopyTo(StockpileClientOptions target)
    {
        target.Address = Address;
        target.ApiKey = ApiKey;
        target.CallTimeout = CallTimeout;
        target.SolveDeadlineSlack = SolveDeadlineSlack;
        target.DefaultSolveTimeLimit = DefaultSolveTimeLimit;
        target.MaxRetryAttempts = MaxRetryAttempts;
        target.RetryBaseDelay = RetryBaseDelay;
        target.RetryMaxDelay = RetryMaxDelay;
        target.MaxReceiveMessageBytes = MaxReceiveMessageBytes;
        target.MaxSendMessageBytes = MaxSendMessageBytes;
        target.OnRetry = OnRetry;
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"StockpileClientOptions.{name} must be positive (got {value})", name);
        }
    }
}

/// <summary>A retry about to happen: <paramref name="Method"/> failed with UNAVAILABLE on attempt <paramref name="FailedAttempt"/> (1-based).</summary>
public sealed record StockpileRetry(string Method, int FailedAttempt, TimeSpan Delay, Exception? Failure);
