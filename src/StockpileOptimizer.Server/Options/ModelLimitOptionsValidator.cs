using Microsoft.Extensions.Options;

namespace StockpileOptimizer.Server.Options;

/// <summary>The model size limit must be positive; checked at start-up.</summary>
internal sealed class ModelLimitOptionsValidator : IValidateOptions<ModelLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelLimitOptions options) =>
        options.MaxModelVariables > 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail("Server:MaxModelVariables must be > 0");
}
