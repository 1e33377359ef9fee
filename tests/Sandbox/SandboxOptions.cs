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
