using System.Diagnostics;

namespace Sandbox;

/// <summary>
/// The sandbox stands in for BigCommerce, Key Vault and the back office: when it shares a process with a traced LocalHost
/// (the tests, the benchmarks), ASP.NET Core's request activity of its own requests is seen by LocalHost's tracer too.
/// It is marked not recorded, so only the connector's spans are exported, as with a sandbox in a process of its own.
/// </summary>
public static class UntracedRequests
{
    public static IApplicationBuilder UseUntracedRequests(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (Activity.Current is { } span && span.Source.Name == "Microsoft.AspNetCore")
        {
            span.IsAllDataRequested = false;
            span.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }

        return next(context);
    });
}
