namespace StockpileOptimizer.Server.Options;

/// <summary>
/// The host's options, bound from the "Server" section of configuration (appsettings.json,
/// then environment variables such as <c>Server__Port=6000</c>, then command-line
/// arguments such as <c>--Server:Port=6000</c>). The job system has its own section, "Jobs".
/// </summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>TCP port of the gRPC endpoint (HTTP/2 without TLS unless a certificate is set).</summary>
    public int Port { get; set; } = 5080;

    /// <summary>
    /// Interface to listen on: "localhost" (loopback only, the default), "*" for every
    /// interface (containers), or an IP address.
    /// </summary>
    public string Host { get; set; } = "localhost";

    /// <summary>PFX certificate file; when set the endpoint speaks TLS (HTTP/2 over TLS).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>. A secret: never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Largest request message, bytes. An instance with many scenarios is a few MB.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest response message, bytes. A result carries every scenario's paths.</summary>
    public int MaxSendMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>When set, every StockpileService call must send it in the "x-api-key" metadata header. A secret: never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Part of a Solve call's deadline kept for extracting the result, shadow prices and
    /// sending the answer; at most half the remaining time is kept. (The default and maximum
    /// time limits are the job system's: Jobs:DefaultTimeLimitSeconds, Jobs:MaxTimeLimitSeconds.)
    /// </summary>
    public TimeSpan DeadlineMargin { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest model accepted, as scenarios × periods (the second stage grows with it).</summary>
    public int MaxScenarioPeriods { get; set; } = 20_000;

    /// <summary>The retry delay suggested (google.rpc.RetryInfo) when the job queue is full.</summary>
    public TimeSpan QueueFullRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a stopping host waits for calls and the job system to finish.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
