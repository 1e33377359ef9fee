using Microsoft.Extensions.Logging;

namespace Connector.Hosting;

/// <summary>
/// Keeps callback secrets out of every log, whatever level an operator turns logging up to. BigCommerce puts them in
/// query strings (<c>signed_payload_jwt</c> on load, uninstall and remove_user, the OAuth <c>code</c> on auth), and
/// ASP.NET Core's hosting diagnostics write the full URL, query included, in "Request starting/finished" at
/// Information; they have no option to leave the query out. So that category is held at Warning (it logs nothing
/// there); LocalHost logs each request's method, path, status and duration through ASP.NET Core's HTTP logging instead,
/// which leaves the query out. Outbound calls need nothing here: IHttpClientFactory's logging already writes URIs without
/// their query and every header value as <c>*</c> (.NET 9 and later), which the end-to-end log test holds it to.
/// </summary>
public static class SecretSafeLogging
{
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <remarks>
    /// Added after the configuration's rules, so it wins over a <c>Logging:LogLevel</c> entry for the same category
    /// (equally specific rules: the last one counts). A provider-specific entry (<c>Logging:Console:LogLevel:…</c>) is
    /// more specific and would still win: do not add one for this category.
    /// </remarks>
    public static ILoggingBuilder AddSecretSafeLogging(this ILoggingBuilder logging) =>
        logging.AddFilter(HostingDiagnosticsCategory, LogLevel.Warning);
}
