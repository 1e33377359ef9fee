using System.Net;

namespace Connector.BigCommerce;

/// <summary>BigCommerce answered with an error after the resilience pipeline gave up, or refused for good.</summary>
public class BigCommerceApiException(string message, HttpStatusCode? status, bool isTransient, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;

    /// <summary>True when trying again later may succeed (5xx, 429, timeouts); false for a refusal such as 400 or 422.</summary>
    public bool IsTransient { get; } = isTransient;
}

/// <summary>The store's token was refused (401): the installation needs re-authorizing; retrying cannot help.</summary>
public sealed class StoreUnauthorizedException(string storeHash, HttpStatusCode status)
    : BigCommerceApiException($"BigCommerce refused the access token of store {storeHash} ({(int)status}).", status, isTransient: false)
{
    public string StoreHash { get; } = storeHash;
}

/// <summary>
/// The store's token works but lacks the scope this call needs (403): only the flow that made the call stops, until the
/// scope is granted; retrying cannot help, and the store's other flows go on.
/// </summary>
public sealed class StoreScopeMissingException(string storeHash, string what)
    : BigCommerceApiException($"{what}: BigCommerce refused it for store {storeHash} for lack of a scope (403).", HttpStatusCode.Forbidden, isTransient: false)
{
    public string StoreHash { get; } = storeHash;
}

/// <summary>The response was not what the API documents: HTML instead of JSON, missing fields, wrong types.</summary>
public sealed class BigCommerceResponseException(string message, Exception? inner = null)
    : BigCommerceApiException(message, null, isTransient: true, inner);
