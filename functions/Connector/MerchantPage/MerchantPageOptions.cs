namespace Connector.MerchantPage;

/// <summary>The app's page in the control panel (section <c>Connector:MerchantPage</c>).</summary>
public sealed class MerchantPageOptions
{
    public const string Section = "Connector:MerchantPage";

    /// <summary>The longest a page session may last: an hour, as the issue sets; a shorter setting is kept, a longer one is cut to it.</summary>
    public static readonly TimeSpan MaxSessionLifetime = TimeSpan.FromHours(1);

    /// <summary>How long a page, once opened, may act before the user must open it again from the control panel.</summary>
    public TimeSpan SessionLifetime { get; set; } = MaxSessionLifetime;

    /// <summary>
    /// Origins allowed to frame the page besides BigCommerce's control panel, space-separated: locally the sandbox's
    /// simulated control panel (e.g. <c>http://127.0.0.1:7101</c>). Empty in Azure.
    /// </summary>
    public string? ExtraFrameAncestors { get; set; }

    /// <summary>
    /// The key that signs page sessions. Unset (the default), it is derived from the app's client secret, so there is no
    /// other secret to keep and rotating the client secret ends every open session.
    /// </summary>
    public string? SessionKey { get; set; }

    /// <summary>Largest form body an action accepts; anything bigger is refused before it is read.</summary>
    public int MaxFormBytes { get; set; } = 32 * 1024;

    public TimeSpan EffectiveLifetime => SessionLifetime <= TimeSpan.Zero || SessionLifetime > MaxSessionLifetime ? MaxSessionLifetime : SessionLifetime;
}
