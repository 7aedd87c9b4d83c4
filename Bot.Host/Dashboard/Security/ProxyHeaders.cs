using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Bot.Host.Dashboard.Security;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are
/// believed (<c>KnownProxies</c>: addresses, <c>KnownNetworks</c>: CIDR ranges). Only a request from one of them has its
/// remote address replaced, so sign-in throttling and audit see the real client behind a proxy and nobody else can
/// pick their own address. Empty lists keep ASP.NET Core's default (a proxy on loopback).
/// </summary>
public sealed class ProxyHeadersOptions
{
    public const string SectionName = "ForwardedHeaders";

    public List<string> KnownProxies { get; set; } = [];

    public List<string> KnownNetworks { get; set; } = [];
}

public static class ProxyHeaders
{
    public static IServiceCollection AddProxyHeaders(this IServiceCollection services)
    {
        services.AddOptions<ProxyHeadersOptions>().BindConfiguration(ProxyHeadersOptions.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<ProxyHeadersOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            var settings = proxies.Value;
            if (settings.KnownProxies.Count == 0 && settings.KnownNetworks.Count == 0)
            {
                return;
            }

            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            }

            foreach (var network in settings.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            }
        });
        return services;
    }
}
