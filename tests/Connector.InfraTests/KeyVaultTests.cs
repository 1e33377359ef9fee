using System.Text.RegularExpressions;

namespace Connector.InfraTests;

[Collection(InfrastructureCollection.Name)]
public sealed partial class KeyVaultTests(CompiledInfrastructure infra)
{
    private readonly KeyVaults vaults = new(infra);

    private List<TemplateResource> Secrets => infra.OfType("Microsoft.KeyVault/vaults/secrets").ToList();

    [Fact]
    public void Store_tokens_and_configuration_secrets_live_in_two_vaults_the_token_vault_keeping_the_old_name()
    {
        // Two vaults, distinct names. The token vault keeps kv-<token>, so an existing deployment keeps
        // its installed stores' tokens; the configuration vault is new, and fits Key Vault's 24 characters
        // (uniqueString gives 13).
        Assert.Equal(2, vaults.All.Count);
        Assert.Equal(KeyVaults.TokenVaultName, vaults.NameOf(vaults.Token));
        var config = ConfigVaultName().Match(vaults.ConfigName);
        Assert.True(config.Success, $"The configuration vault's name {vaults.ConfigName} is not '<prefix>-' + resourceToken.");
        Assert.InRange(config.Groups["prefix"].Length + 13, 3, 24);
        Assert.NotEqual("kv-", config.Groups["prefix"].Value);
    }

    [Fact]
    public void Access_is_by_azure_rbac_only()
    {
        Assert.Equal(2, vaults.All.Count);
        Assert.All(vaults.All, vault =>
        {
            Assert.True(vault.Properties.GetProperty("enableRbacAuthorization").GetBoolean(), $"{vaults.NameOf(vault)} allows access policies.");
            Assert.False(vault.Properties.TryGetProperty("accessPolicies", out _));
        });
        Assert.Empty(infra.OfType("Microsoft.KeyVault/vaults/accessPolicies"));
    }

    [Fact]
    public void Deleted_tokens_and_secrets_stay_recoverable()
    {
        Assert.Equal(2, vaults.All.Count);
        Assert.All(vaults.All, vault =>
        {
            Assert.True(vault.Properties.GetProperty("enableSoftDelete").GetBoolean(), $"{vaults.NameOf(vault)} has no soft delete.");
            Assert.True(vault.Properties.GetProperty("enablePurgeProtection").GetBoolean(), $"{vaults.NameOf(vault)} has no purge protection.");
        });
    }

    [Fact]
    public void Arm_deployments_cannot_read_the_vault()
    {
        Assert.All(vaults.All, vault =>
        {
            Assert.False(vault.Properties.GetProperty("enabledForTemplateDeployment").GetBoolean());
            Assert.False(vault.Properties.GetProperty("enabledForDeployment").GetBoolean());
        });
    }

    [Fact]
    public void The_configuration_secrets_are_created_in_the_configuration_vault_only()
    {
        // Every secret the template writes (the app's own: client secret, signing secret, admin key) is in
        // the vault the app can only read; nothing is written into the token vault.
        var secrets = Secrets;
        Assert.Equal(3, secrets.Count);
        Assert.All(secrets, secret => Assert.True(
            vaults.VaultOfSecret(secret) == vaults.ConfigName,
            $"{secret} ({secret.Text("name")}) is created in {vaults.VaultOfSecret(secret)}, not the configuration vault {vaults.ConfigName}."));

        var written = secrets.Select(s => SecretVariable().Match(s.Text("name")!).Groups["secret"].Value).Order(StringComparer.Ordinal);
        Assert.Equal(["adminApiKey", "backOfficeSigningSecret", "bigCommerceClientSecret"], written);
    }

    [Fact]
    public void A_secret_is_written_only_from_a_secure_parameter_and_only_when_one_is_given()
    {
        var secrets = Secrets;
        Assert.Equal(3, secrets.Count);
        foreach (var secret in secrets)
        {
            var value = secret.Properties.GetProperty("value").GetString()!;
            var parameter = value["[parameters('".Length..^"')]".Length];
            Assert.Equal("securestring", secret.Template.GetProperty("parameters").GetProperty(parameter).GetProperty("type").GetString());

            // Re-deploys without the value leave the stored secret (and any rotation) alone.
            Assert.Equal($"[not(empty(parameters('{parameter}')))]", secret.Text("condition"));
        }
    }

    [Theory]
    [InlineData("bigCommerceClientSecret")]
    [InlineData("backOfficeSigningSecret")]
    public void The_first_deploy_fails_early_without_the_app_secrets(string moduleParameter)
    {
        // An app setting referencing a missing secret would resolve to the reference text itself.
        var expression = ValuePassedToTheVault(moduleParameter);
        Assert.Contains("parameters('secretsStored')", expression, StringComparison.Ordinal);
        Assert.Contains("fail('", expression, StringComparison.Ordinal);
    }

    [Fact]
    public void The_admin_api_key_is_generated_once_and_kept_afterwards()
    {
        var expression = ValuePassedToTheVault("adminApiKey");
        Assert.Contains("parameters('connectorAdminApiKey')", expression, StringComparison.Ordinal);
        Assert.Contains("parameters('secretsStored')", expression, StringComparison.Ordinal);
        Assert.Contains("parameters('generatedAdminApiKey')", expression, StringComparison.Ordinal);

        var generated = infra.Template.GetProperty("parameters").GetProperty("generatedAdminApiKey");
        Assert.Equal("securestring", generated.GetProperty("type").GetString());
        Assert.Contains("newGuid()", generated.GetProperty("defaultValue").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The expression main.bicep passes to a secret-writing module's parameter, with a variable expanded.</summary>
    private string ValuePassedToTheVault(string moduleParameter)
    {
        var module = Secrets.Select(s => s.Module).Distinct().Single();
        var value = infra.PassedTo(module, moduleParameter);
        return value.StartsWith("[variables(", StringComparison.Ordinal)
            ? CompiledInfrastructure.ResolveVariable(infra.Template, value.Trim('[', ']')).GetString()!
            : value;
    }

    [GeneratedRegex(@"^\[format\('(?<prefix>[a-z0-9-]+)\{0\}', variables\('resourceToken'\)\)\]$")]
    private static partial Regex ConfigVaultName();

    [GeneratedRegex(@"variables\('secretNames'\)\.(?<secret>\w+)\)\]$")]
    private static partial Regex SecretVariable();
}
