using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Connector.BigCommerce;

/// <summary>What the login service answers for a code (auth.mdx): the store's token and who installed.</summary>
public sealed record OAuthGrant(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("user")] OAuthUser User,
    [property: JsonPropertyName("owner")] OAuthUser? Owner,
    [property: JsonPropertyName("context")] string Context,
    [property: JsonPropertyName("account_uuid")] string? AccountUuid);

public sealed record OAuthUser([property: JsonPropertyName("id")] long Id);

/// <summary>The login service refused the code (it is unknown, used, or for another app): installing again is the way out.</summary>
public sealed class OAuthCodeRejectedException(string message) : Exception(message);

/// <summary>The login service could not be reached or kept failing: the merchant can try again.</summary>
public sealed class OAuthUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>POST {login}/oauth2/token: exchanges an auth callback's code for the store's access token.</summary>
public sealed class OAuthTokenClient(HttpClient http, IOptions<BigCommerceOptions> api, IOptions<BigCommerceAppOptions> app)
{
    public async Task<OAuthGrant> ExchangeCodeAsync(string code, string scope, string context, Uri redirectUri, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, string>
        {
            ["client_id"] = app.Value.ClientId,
            ["client_secret"] = app.Value.ClientSecret,
            ["code"] = code,
            ["context"] = context,
            ["scope"] = scope,
            ["grant_type"] = "authorization_code",
            ["redirect_uri"] = redirectUri.ToString(),
        };
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(new Uri($"{api.Value.LoginBaseUrl.ToString().TrimEnd('/')}/oauth2/token"), body, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new OAuthUnavailableException($"BigCommerce's login service could not be reached ({ex.GetType().Name}).", ex);
        }

        using (response)
        {
            if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout)
            {
                throw new OAuthUnavailableException($"BigCommerce's login service answered {(int)response.StatusCode}.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new OAuthCodeRejectedException($"BigCommerce's login service refused the code ({(int)response.StatusCode}).");
            }

            try
            {
                var grant = await response.Content.ReadFromJsonAsync<OAuthGrant>(cancellationToken);
                return grant is { AccessToken.Length: > 0, User: not null }
                    ? grant
                    : throw new OAuthUnavailableException("BigCommerce's login service answered without an access token.");
            }
            catch (JsonException ex)
            {
                throw new OAuthUnavailableException("BigCommerce's login service answered with something other than the documented JSON.", ex);
            }
        }
    }
}
