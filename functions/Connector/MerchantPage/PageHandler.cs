using System.Text.RegularExpressions;
using Connector.Hosting;
using Microsoft.AspNetCore.Http;

namespace Connector.MerchantPage;

/// <summary>POST /api/app/page: the page again, a section of it, or the next page of what needs attention. Changes nothing.</summary>
public sealed partial class PageHandler(PageAccess access, StorePageRenderer renderer) : IHttpRequestHandler
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.AuthorizeAsync(request, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var after = caller.Form["after"].ToString();
        return await renderer.RenderAsync(caller, PageSections.Of(caller.Form["section"]), cancellationToken,
            attentionAfter: OrderRowKey().IsMatch(after) && long.TryParse(after, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null);
    }

    /// <summary>Ledger row keys are order ids: anything else is not a place in the list.</summary>
    [GeneratedRegex(@"^[0-9]{1,19}\z", RegexOptions.CultureInvariant)]
    internal static partial Regex OrderRowKey();
}
