namespace Sandbox;

/// <summary>Bound from the <c>Sandbox</c> configuration section; tests can adjust it after binding.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Stores created at start. Others can be added at runtime (POST /_admin/stores).</summary>
    public List<StoreSeedOptions> Stores { get; set; } = [];

    /// <summary>BigCommerce's Plus/Standard plan quota: 150 requests per 30 s window.</summary>
    public int DefaultQuota { get; set; } = 150;

    public int DefaultWindowMs { get; set; } = 30_000;

    public BackOfficeOptions BackOffice { get; set; } = new();

    /// <summary>The app registered with BigCommerce: what the login service checks and signs with.</summary>
    public AppOptions App { get; set; } = new();

    public KeyVaultOptions KeyVault { get; set; } = new();

    /// <summary>BigCommerce's webhook delivery: retry schedule scale, timeout, blocklist.</summary>
    public WebhookOptions Webhooks { get; set; } = new();
}

public sealed class StoreSeedOptions
{
    public string Hash { get; set; } = "";
    public string Token { get; set; } = "";
    public int SeedOrders { get; set; }
    public int? Quota { get; set; }
    public int? WindowMs { get; set; }
}

public sealed class BackOfficeOptions
{
    /// <summary>Shared secret for X-Connector-Signature; the connector's local default uses the same value.</summary>
    public string SigningSecret { get; set; } = "local-dev-signing-secret";

    /// <summary>Status answered for orders on the rejection list when the rule names none.</summary>
    public int DefaultRejectionStatus { get; set; } = 422;
}

public sealed class AppOptions
{
    /// <summary>client_id the token endpoint expects; also the <c>aud</c> of every signed_payload_jwt.</summary>
    public string ClientId { get; set; } = "sandbox-client-id";

    /// <summary>client_secret the token endpoint expects; also the HS256 key of every signed_payload_jwt.</summary>
    public string ClientSecret { get; set; } = "sandbox-client-secret";

    /// <summary>The Developer Portal account that registered the app: <c>account_uuid</c> in callbacks and token answers.</summary>
    public string AccountUuid { get; set; } = "5a1dbb0c-0000-4000-8000-00000000c0de";
}

public sealed class KeyVaultOptions
{
    public const string DefaultUrl = "https://127.0.0.1:7102";

    /// <summary>The HTTPS listener of the Key Vault stand-in: loopback only; port 0 picks a free one.</summary>
    public string Url { get; set; } = DefaultUrl;

    /// <summary>The only bearer token the vault accepts; anything else is 401.</summary>
    public string AccessToken { get; set; } = "sandbox-keyvault-token";

    /// <summary>As the vault the infrastructure deploys: deleted secrets can be recovered but not purged.</summary>
    public bool PurgeProtection { get; set; } = true;

    /// <summary>Soft-delete retention: <c>scheduledPurgeDate</c> = <c>deletedDate</c> + this, and <c>recoverableDays</c>.</summary>
    public int RetentionDays { get; set; } = 90;
}

public sealed class WebhookOptions
{
    /// <summary>False: no events are fired (hooks can still be managed through the API).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Multiplies BigCommerce's retry schedule (60 s … 86400 s); tests use e.g. 0.0001. 0 retries at once.</summary>
    public double RetryScale { get; set; } = 1.0;

    /// <summary>Per delivery attempt; BigCommerce treats a slow answer as a failure.</summary>
    public int TimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// The domain blocklist of the docs: once a destination (host and port) has had
    /// <see cref="BlocklistMinRequests"/> answers within <see cref="BlocklistWindowMs"/>, a success
    /// ratio under 90% blocks it for <see cref="BlocklistMs"/>. Off by default.
    /// </summary>
    public bool Blocklist { get; set; }

    public int BlocklistWindowMs { get; set; } = 120_000;

    public int BlocklistMs { get; set; } = 180_000;

    public int BlocklistMinRequests { get; set; } = 100;
}
