using System.Reflection;
using StockpileOptimizer.Domain;

namespace StockpileOptimizer.Reliability.Tests.Hosting;

/// <summary>
/// The server's own mapping code (internal to StockpileOptimizer.Server, visible only to its
/// own test project), called through reflection so that the suite maps domain ↔ proto exactly
/// as the host does rather than with a copy of its own.
/// </summary>
internal static class ServerMapping
{
    private static readonly Assembly Server = typeof(Program).Assembly;

    private static readonly Func<StockpileInstance, V1.StockpileInstance> InstanceToProtoFn =
        Bind<StockpileInstance, V1.StockpileInstance>("StockpileOptimizer.Server.Mapping.InstanceToProto");

    private static readonly Func<SolveResult, V1.SolveResult> ResultToProtoFn =
        Bind<SolveResult, V1.SolveResult>("StockpileOptimizer.Server.Mapping.ResultToProto");

    public static V1.StockpileInstance ToProto(StockpileInstance instance) => InstanceToProtoFn(instance);

    public static V1.SolveResult ToProto(SolveResult result) => ResultToProtoFn(result);

    private static Func<TIn, TOut> Bind<TIn, TOut>(string typeName)
    {
        var type = Server.GetType(typeName, throwOnError: true)!;
        var method = type.GetMethod("ToProto", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(TIn)])
            ?? throw new MissingMethodException(typeName, $"ToProto({typeof(TIn).Name})");
        return method.CreateDelegate<Func<TIn, TOut>>();
    }
}
