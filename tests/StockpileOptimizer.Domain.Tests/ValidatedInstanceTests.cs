using static StockpileOptimizer.Domain.Tests.TestInstances;

namespace StockpileOptimizer.Domain.Tests;

/// <summary>The proof of validity: made only from an instance the validator accepts, fingerprinted as the instance is.</summary>
public sealed class ValidatedInstanceTests
{
    [Fact]
    public void Require_refuses_an_invalid_instance_with_every_violation()
    {
        var invalid = Valid().With("countries", "[]").With("sectors", "[]");

        var error = Assert.Throws<InvalidInstanceException>(() => ValidatedInstance.Require(invalid));

        Assert.Equal(InstanceValidator.Validate(invalid), error.Violations);
        Assert.Contains(error.Violations, v => v.Path == "countries");
        Assert.Contains(error.Violations, v => v.Path == "sectors");
    }

    [Fact]
    public void A_valid_instance_is_wrapped_unchanged_with_its_fingerprint()
    {
        var instance = Valid();

        var (valid, violations) = ValidatedInstance.Validate(instance);

        Assert.Empty(violations);
        Assert.Same(instance, valid!.Instance);
        Assert.Equal(InstanceJson.Fingerprint(instance), valid.Fingerprint);
    }
}
