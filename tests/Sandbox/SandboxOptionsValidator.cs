using Microsoft.Extensions.Options;

namespace Sandbox;

/// <summary>Fails start-up on a misconfigured store rather than on the first request.</summary>
public sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        var errors = new List<string>();
        if (options.DefaultQuota <= 0 || options.DefaultWindowMs <= 0)
        {
            errors.Add("Sandbox:DefaultQuota and Sandbox:DefaultWindowMs must be positive.");
        }
        for (var i = 0; i < options.Stores.Count; i++)
        {
            var store = options.Stores[i];
            if (string.IsNullOrWhiteSpace(store.Hash) || string.IsNullOrWhiteSpace(store.Token))
            {
                errors.Add($"Sandbox:Stores:{i} needs both Hash and Token.");
            }
            if (store.SeedOrders < 0 || store.Quota is <= 0 || store.WindowMs is <= 0)
            {
                errors.Add($"Sandbox:Stores:{i}: SeedOrders must be >= 0, Quota and WindowMs positive.");
            }
        }
        foreach (var duplicate in options.Stores.GroupBy(s => s.Hash, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"Sandbox:Stores has store '{duplicate.Key}' more than once.");
        }
        if (string.IsNullOrEmpty(options.BackOffice.SigningSecret))
        {
            errors.Add("Sandbox:BackOffice:SigningSecret is required.");
        }
        if (options.BackOffice.DefaultRejectionStatus is < 400 or > 599)
        {
            errors.Add("Sandbox:BackOffice:DefaultRejectionStatus must be 400-599.");
        }
        if (string.IsNullOrEmpty(options.App.ClientId) || string.IsNullOrEmpty(options.App.ClientSecret))
        {
            errors.Add("Sandbox:App:ClientId and Sandbox:App:ClientSecret are required.");
        }
        if (!Guid.TryParse(options.App.AccountUuid, out _))
        {
            errors.Add("Sandbox:App:AccountUuid must be a UUID.");
        }
        if (options.Webhooks.RetryScale < 0 || double.IsNaN(options.Webhooks.RetryScale) || options.Webhooks.TimeoutMs <= 0 ||
            options.Webhooks.BlocklistWindowMs <= 0 || options.Webhooks.BlocklistMs <= 0 || options.Webhooks.BlocklistMinRequests <= 0)
        {
            errors.Add("Sandbox:Webhooks:RetryScale must be >= 0 and Sandbox:Webhooks:TimeoutMs, BlocklistWindowMs, BlocklistMs, BlocklistMinRequests positive.");
        }
        if (!KeyVault.KeyVaultListener.TryParseUrl(options.KeyVault.Url, out _, out var urlError))
        {
            errors.Add($"Sandbox:KeyVault:Url {urlError}");
        }
        if (string.IsNullOrEmpty(options.KeyVault.AccessToken))
        {
            errors.Add("Sandbox:KeyVault:AccessToken is required.");
        }
        if (options.KeyVault.RetentionDays is < 7 or > 90)
        {
            errors.Add("Sandbox:KeyVault:RetentionDays must be 7-90, as Key Vault allows.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
