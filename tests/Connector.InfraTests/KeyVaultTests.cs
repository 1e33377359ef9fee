namespace Connector.InfraTests;

[Collection(InfrastructureCollection.Name)]
public sealed class KeyVaultTests(CompiledInfrastructure infra)
{
    private TemplateResource Vault => infra.One("Microsoft.KeyVault/vaults");

    [Fact]
    public void Access_is_by_azure_rbac_only()
    {
        Assert.True(Vault.Properties.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.False(Vault.Properties.TryGetProperty("accessPolicies", out _));
        Assert.Empty(infra.OfType("Microsoft.KeyVault/vaults/accessPolicies"));
    }

    [Fact]
    public void Deleted_tokens_and_secrets_stay_recoverable()
    {
        Assert.True(Vault.Properties.GetProperty("enableSoftDelete").GetBoolean());
        Assert.True(Vault.Properties.GetProperty("enablePurgeProtection").GetBoolean());
    }

    [Fact]
    public void Arm_deployments_cannot_read_the_vault()
    {
        Assert.False(Vault.Properties.GetProperty("enabledForTemplateDeployment").GetBoolean());
        Assert.False(Vault.Properties.GetProperty("enabledForDeployment").GetBoolean());
    }

    [Fact]
    public void A_secret_is_written_only_from_a_secure_parameter_and_only_when_one_is_given()
    {
        var secrets = infra.OfType("Microsoft.KeyVault/vaults/secrets").ToList();
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

    /// <summary>The expression main.bicep passes to a keyvault module parameter, with a variable expanded.</summary>
    private string ValuePassedToTheVault(string moduleParameter)
    {
        var value = infra.Module("keyvault").Properties.Path($"parameters.{moduleParameter}.value").GetString()!;
        return value.StartsWith("[variables(", StringComparison.Ordinal)
            ? CompiledInfrastructure.ResolveVariable(infra.Template, value.Trim('[', ']')).GetString()!
            : value;
    }
}
