namespace Sandbox.Webhooks;

/// <summary>Everything about webhooks, for tests hosting the sandbox in-process (<c>sandbox.State.Webhooks</c>).</summary>
public sealed class SandboxWebhooks(
    WebhookRegistry registry, WebhookDeliveryLog deliveries, WebhookSettings settings, WebhookStats stats, WebhookChaos chaos, WebhookBlocklist blocklist, WebhookDispatcher dispatcher)
{
    public WebhookRegistry Registry { get; } = registry;
    public WebhookDeliveryLog Deliveries { get; } = deliveries;
    public WebhookSettings Settings { get; } = settings;
    public WebhookStats Stats { get; } = stats;
    public WebhookChaos Chaos { get; } = chaos;
    public WebhookBlocklist Blocklist { get; } = blocklist;
    public WebhookDispatcher Dispatcher { get; } = dispatcher;

    /// <summary>No hooks, no attempts, zero stats, configured settings; retries already scheduled are dropped.</summary>
    public void Reset()
    {
        Registry.Reset();
        Deliveries.Reset();
        Stats.Reset();
        Chaos.Reset();
        Blocklist.Reset();
        Settings.Reset();
    }
}
