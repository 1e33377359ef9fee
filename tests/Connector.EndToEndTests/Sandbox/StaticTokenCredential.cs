using Azure.Core;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>Hands out one fixed bearer token, whatever scope is asked for: the Key Vault stand-in accepts exactly one.</summary>
public sealed class StaticTokenCredential(string token) : TokenCredential
{
    public int Requests { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Requests++;
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
