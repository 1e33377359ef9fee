using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Connector.MerchantPage;

/// <summary>Renders a store's page for a caller whose access was just checked, with what the last action did.</summary>
public sealed class StorePageRenderer(StorePageBuilder builder, IOptions<MerchantPageOptions> options)
{
    public async Task<IResult> RenderAsync(
        PageCaller caller, string section, CancellationToken cancellationToken, string? notice = null, bool noticeIsError = false,
        long? attentionAfter = null, SettingsFormModel? form = null, int status = StatusCodes.Status200OK)
    {
        var model = await builder.BuildAsync(caller, caller.Token, section, attentionAfter, cancellationToken, form);
        model = model with { Notice = notice, NoticeIsError = noticeIsError };
        return PageResults.Render<Components.StorePage>(options.Value, new Dictionary<string, object?> { ["Model"] = model }, status);
    }
}
