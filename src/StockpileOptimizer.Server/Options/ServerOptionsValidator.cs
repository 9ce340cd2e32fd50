using Microsoft.Extensions.Options;

namespace StockpileOptimizer.Server.Options;

/// <summary>Range checks of the "Server" section, so that a bad setting stops the host at start-up with its name.</summary>
internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            failures.Add("Server:Port must be between 0 and 65535");
        }
        if (options.MaxReceiveMessageBytes <= 0 || options.MaxSendMessageBytes <= 0)
        {
            failures.Add("Server:Max*MessageBytes must be > 0");
        }
        if (options.DeadlineMargin < TimeSpan.Zero)
        {
            failures.Add("Server:DeadlineMargin must not be negative");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
