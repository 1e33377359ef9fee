using System.Text.RegularExpressions;

namespace Connector.Stores;

/// <summary>
/// The one rule for a store hash wherever one arrives from outside (install context, JWT subject, webhook producer,
/// API-account registration, admin filters): short lowercase alphanumerics. The hash becomes a table partition key and
/// part of a Key Vault secret name, so anything else (a '/', dots, capitals) is refused before it reaches storage.
/// </summary>
public static partial class StoreContext
{
    /// <summary>The hash in <c>stores/{hash}</c>, or null when the text is anything else.</summary>
    public static string? HashOf(string? context) =>
        context is not null && ContextPattern().Match(context) is { Success: true } match ? match.Groups[1].Value : null;

    // \z, not $: '$' would also accept a trailing newline.
    [GeneratedRegex(@"^stores/([a-z0-9]{1,32})\z", RegexOptions.CultureInvariant)]
    private static partial Regex ContextPattern();
}
