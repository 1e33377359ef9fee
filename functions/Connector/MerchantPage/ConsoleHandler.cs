using Connector.Hosting;
using Connector.Installations;
using Connector.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.MerchantPage;

/// <summary>
/// GET and POST /api/app/console: the operator's console, for stores connected by API account (they have no control
/// panel to open the app from). GET shows the sign-in form; posting the admin key (<c>Connector:AdminApiKey</c>, checked
/// in constant time) gives a console session of at most an hour, carried in the page like a store page's, and the list
/// of stores. Without an admin key configured the console does not exist (404).
/// </summary>
public sealed class ConsoleHandler(
    PageAccess access, PageSessionTokens tokens, InstallationRegistry registry, IOptions<ConnectorOptions> connector,
    IOptions<MerchantPageOptions> options, ILogger<ConsoleHandler> logger) : IHttpRequestHandler
{
    public const string KeyField = "admin_key";

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (connector.Value.AdminApiKey is not { Length: >= 16 })
        {
            return PageResults.Problem(options.Value, StatusCodes.Status404NotFound, "Console off", "Set Connector:AdminApiKey to enable the operator console.");
        }

        if (HttpMethods.IsGet(request.Method))
        {
            return Render(new ConsoleModel(null, [], null));
        }

        var (form, refusal) = await access.ReadFormAsync(request, cancellationToken);
        if (form is null)
        {
            return refusal!;
        }

        string session;
        if (form.ContainsKey(KeyField))
        {
            if (!AdminKey.IsValid(connector.Value, form[KeyField].ToString()))
            {
                logger.LogWarning("Operator console: sign-in refused (wrong admin key)");
                return Render(new ConsoleModel(null, [], "That is not the admin key."), StatusCodes.Status401Unauthorized);
            }

            session = tokens.IssueConsole();
            logger.LogInformation("Operator console: signed in");
        }
        else if (await tokens.ValidateConsoleAsync(form[PageSessionTokens.FormField].ToString()) is not null)
        {
            session = form[PageSessionTokens.FormField].ToString();
        }
        else
        {
            return Render(new ConsoleModel(null, [], "Your console session ended: sign in again."), StatusCodes.Status401Unauthorized);
        }

        var stores = (await registry.ListAllAsync(cancellationToken)).OrderBy(s => s.PartitionKey, StringComparer.Ordinal).ToList();
        return Render(new ConsoleModel(session, stores, null));
    }

    private IResult Render(ConsoleModel model, int status = StatusCodes.Status200OK) =>
        PageResults.Render<Components.ConsolePage>(options.Value, new Dictionary<string, object?> { ["Model"] = model }, status);
}
