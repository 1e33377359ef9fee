using System.Diagnostics;
using Span = System.Diagnostics.Activity;

namespace Connector.LocalHost.Http;

/// <summary>
/// LocalHost's request spans: ASP.NET Core's own request activity (ActivitySource <see cref="SourceName"/>, the incoming
/// <c>traceparent</c> already applied), given the HTTP tags of OpenTelemetry's semantic conventions when it ends. Not
/// OpenTelemetry's ASP.NET Core instrumentation: to enrich the same activity it subscribes to ASP.NET Core's diagnostic
/// events, every request's, which cost the webhook endpoint more than the span itself (docs/benchmarks.md, "Tracing on
/// and off"). Only LocalHost's pipeline runs this; a host sharing the process (the tests' sandbox) is not traced by it.
/// </summary>
public static class RequestSpans
{
    public const string SourceName = "Microsoft.AspNetCore";

    public static IApplicationBuilder UseRequestSpans(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var span = Span.Current;
        if (span is not { IsAllDataRequested: true } || span.Source.Name != SourceName)
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception exception)
        {
            span.SetTag("error.type", exception.GetType().FullName);
            span.SetStatus(ActivityStatusCode.Error);
            throw;
        }
        finally
        {
            Describe(span, context);
        }
    });

    private static void Describe(Span span, HttpContext context)
    {
        var request = context.Request;
        var status = context.Response.StatusCode;
        // The route's template, never the query: a callback's query carries the OAuth code and the signed payload.
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        span.DisplayName = route is null ? request.Method : $"{request.Method} {route}";
        span.SetTag("http.request.method", request.Method);
        span.SetTag("url.scheme", request.Scheme);
        span.SetTag("url.path", request.Path.Value);
        span.SetTag("http.route", route);
        span.SetTag("http.response.status_code", status);
        if (status >= 500)
        {
            span.SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            span.SetStatus(ActivityStatusCode.Error);
        }
    }
}
