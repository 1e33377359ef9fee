using Sandbox.BackOffice;
using Sandbox.BigCommerce;
using Sandbox.Faults;
using Sandbox.Inventory;
using Sandbox.KeyVault;
using Sandbox.Login;
using Sandbox.Webhooks;

namespace Sandbox;

/// <summary>
/// Typed access to everything the admin endpoints expose, for tests hosting the sandbox
/// in-process (<c>app.Services.GetRequiredService&lt;SandboxState&gt;()</c>). The admin endpoints
/// use the same objects, so HTTP and in-process views never disagree.
/// </summary>
public sealed class SandboxState(
    StoreRegistry stores,
    DeliveryLedger deliveries,
    BigCommerceShipmentInbox bigCommerceShipments,
    RejectionRules rejections,
    InventoryFeed inventory,
    ShipmentFeed shipments,
    FaultInjector faults,
    SignatureVerifier signatures,
    AuthorizationCodes codes,
    LoginStats login,
    SecretVault vault,
    KeyVaultStats keyVault,
    SandboxWebhooks webhooks,
    InventoryRegistry storeInventory)
{
    public StoreRegistry Stores { get; } = stores;
    public DeliveryLedger Deliveries { get; } = deliveries;

    /// <summary>Shipments made in BigCommerce that the connector delivered (POST /backoffice/bigcommerce-shipments).</summary>
    public BigCommerceShipmentInbox BigCommerceShipments { get; } = bigCommerceShipments;
    public RejectionRules Rejections { get; } = rejections;
    public InventoryFeed Inventory { get; } = inventory;

    /// <summary>The back office's shipments and cancellations log (GET /backoffice/shipments), its corruption, read and push counts.</summary>
    public ShipmentFeed Shipments { get; } = shipments;

    public FaultInjector Faults { get; } = faults;
    public SignatureVerifier Signatures { get; } = signatures;

    /// <summary>Authorization codes issued by simulated installs.</summary>
    public AuthorizationCodes Codes { get; } = codes;

    public LoginStats Login { get; } = login;

    /// <summary>The Key Vault stand-in's secrets, live and deleted.</summary>
    public SecretVault Vault { get; } = vault;

    public KeyVaultStats KeyVault { get; } = keyVault;

    /// <summary>BigCommerce's webhook service: subscriptions, delivery attempts, settings, stats.</summary>
    public SandboxWebhooks Webhooks { get; } = webhooks;

    /// <summary>BigCommerce's inventory per store: catalog (SKUs, variants, products), locations, levels, adjustment stats.</summary>
    public InventoryRegistry StoreInventory { get; } = storeInventory;

    public DeliveryLedger.Summary BackOfficeSummary(string? storeHash = null) =>
        Deliveries.Summarize(storeHash, Faults.Counters(FaultTarget.BackOffice).Snapshot()) with { Shipments = Shipments.Snapshot(storeHash) };

    public void ResetBackOffice()
    {
        Deliveries.Reset();
        BigCommerceShipments.Reset();
        Rejections.Clear();
        Inventory.Reset();
        Shipments.Reset();
        Faults.Counters(FaultTarget.BackOffice).Reset();
    }

    public void ResetStats()
    {
        Stores.ResetStats();
        StoreInventory.ResetStats();
        Faults.Counters(FaultTarget.BigCommerce).Reset();
        Faults.Counters(FaultTarget.Login).Reset();
        Faults.Counters(FaultTarget.KeyVault).Reset();
        Login.Reset();
        KeyVault.Reset();
    }

    /// <summary>Everything back to how it was at start: configured stores re-seeded, no faults, empty back office, no codes, empty vault.</summary>
    public void ResetAll()
    {
        Stores.Reset();
        StoreInventory.Reset();
        ResetBackOffice();
        Codes.Reset();
        Vault.Reset();
        ResetStats();
        Faults.Reset();
        Webhooks.Reset();
    }
}
