using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace StockpileOptimizer.Server.Options;

/// <summary>
/// The one gRPC endpoint: h2c (HTTP/2 without TLS, "prior knowledge") on
/// <see cref="ServerOptions.Port"/>, or HTTP/2 over TLS when a certificate is configured.
/// </summary>
internal static class KestrelEndpoint
{
    public static void Listen(KestrelServerOptions kestrel, ServerOptions options)
    {
        void Configure(ListenOptions listen)
        {
            if (string.IsNullOrEmpty(options.CertificatePath))
            {
                // Without TLS there is no ALPN to negotiate HTTP/2, so the port speaks HTTP/2 only.
                listen.Protocols = HttpProtocols.Http2;
            }
            else
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(options.CertificatePath, options.CertificatePassword);
            }
        }

        switch (options.Host)
        {
            case "localhost":
                kestrel.ListenLocalhost(options.Port, Configure);
                break;
            case "*" or "0.0.0.0" or "::":
                kestrel.ListenAnyIP(options.Port, Configure);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(options.Host), options.Port, Configure);
                break;
        }
    }
}
