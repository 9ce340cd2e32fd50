using Grpc.AspNetCore.Server.Model;

namespace StockpileOptimizer.Server.Hosting;

internal static class RequestBodyBinding
{
    /// <summary>
    /// Puts <see cref="RequestBodyMethodProvider{TService}"/> in place of grpc-dotnet's binder
    /// provider, so that every service gets INVALID_ARGUMENT for a body that is not its request
    /// message. Call it after AddGrpc and everything that may add grpc-dotnet's provider again
    /// (both would bind each method: two endpoints per route).
    /// </summary>
    /// <exception cref="InvalidOperationException">grpc-dotnet's provider is not registered (call AddGrpc first).</exception>
    public static IServiceCollection RefuseMalformedRequestBodies(this IServiceCollection services)
    {
        var binders = services.Where(d => d.ServiceType == typeof(IServiceMethodProvider<>)
            && d.ImplementationType is { IsGenericTypeDefinition: true } type
            && type.Assembly == typeof(IServiceMethodProvider<>).Assembly
            && type.Name.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal)).ToList();
        if (binders.Count == 0)
        {
            throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider is not registered: call AddGrpc() first");
        }
        foreach (var binder in binders)
        {
            services.Remove(binder);
        }
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(RequestBodyMethodProvider<>));
        return services;
    }
}
