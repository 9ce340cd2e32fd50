using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace StockpileOptimizer.Cluster.Grains;

/// <summary>
/// Places batch i of a problem on the (i mod n)-th of the n silos that host batches, in address
/// order: the batches of a problem spread evenly over the silos, whatever their keys hash to.
/// When a silo leaves, its batches are placed again over the silos that remain.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class BatchSpreadPlacement : PlacementStrategy
{
    internal static BatchSpreadPlacement Singleton { get; } = new();
}

/// <summary>Marks a grain class keyed by <see cref="BatchKey"/> as placed by <see cref="BatchSpreadPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class BatchSpreadPlacementAttribute : PlacementAttribute
{
    public BatchSpreadPlacementAttribute() : base(BatchSpreadPlacement.Singleton)
    {
    }
}

/// <summary>The director of <see cref="BatchSpreadPlacement"/> (registered on every silo).</summary>
internal sealed class BatchSpreadPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (silos.Length == 0)
        {
            throw new SiloUnavailableException("no silo of the cluster hosts scenario batches (Cluster:HostsBatches is false on every one)");
        }
        Array.Sort(silos);
        var key = target.GrainIdentity.Key.ToString() ?? "";
        var index = BatchKey.Parse(key).Index;
        return Task.FromResult(silos[index % silos.Length]);
    }
}
