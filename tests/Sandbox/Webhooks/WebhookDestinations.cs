namespace Sandbox.Webhooks;

/// <summary>
/// BigCommerce accepts only https destinations on port 443. The sandbox also accepts plain http
/// and any port on a loopback host (127.0.0.1, ::1, localhost), so a connector on a developer
/// machine or in a test can receive hooks without TLS.
/// </summary>
public static class WebhookDestinations
{
    public static bool TryValidate(string destination, out string error)
    {
        error = "";
        if (!Uri.TryCreate(destination, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            error = "destination must be an absolute https URL.";
            return false;
        }
        if (uri.IsLoopback)
        {
            return true;
        }
        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            error = "destination must use https (plain http is a sandbox allowance for loopback hosts only).";
            return false;
        }
        if (uri.Port != 443)
        {
            error = "destination must be served on port 443; custom ports are not supported.";
            return false;
        }
        return true;
    }

    /// <summary>The domain the blocklist and deliveryException throttling count against.</summary>
    public static string Domain(string destination) =>
        Uri.TryCreate(destination, UriKind.Absolute, out var uri) ? uri.Authority : destination;
}
