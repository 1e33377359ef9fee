using Connector.Hosting;

namespace Connector.InfraTests;

/// <summary>What `azd up` hands back: the URLs to paste into the BigCommerce app profile, and no secret.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class OutputTests(CompiledInfrastructure infra)
{
    public static TheoryData<string, string> CallbackOutputs => new()
    {
        { "BIGCOMMERCE_AUTH_CALLBACK_URL", Route("BigCommerceAuth") },
        { "BIGCOMMERCE_LOAD_CALLBACK_URL", Route("BigCommerceLoad") },
        { "BIGCOMMERCE_UNINSTALL_CALLBACK_URL", Route("BigCommerceUninstall") },
        { "BIGCOMMERCE_REMOVE_USER_CALLBACK_URL", Route("BigCommerceRemoveUser") },
        { "BIGCOMMERCE_WEBHOOK_URL", "/api/webhooks/bigcommerce" },
    };

    [Theory]
    [MemberData(nameof(CallbackOutputs))]
    public void Each_callback_url_is_the_public_base_url_plus_the_functions_route(string output, string path)
    {
        var value = infra.Template.GetProperty("outputs").GetProperty(output);
        Assert.Equal("string", value.GetProperty("type").GetString());

        var expression = value.GetProperty("value").GetString()!;
        Assert.StartsWith($"[format('{{0}}{path}', ", expression, StringComparison.Ordinal);
        Assert.Contains("'functionapp'", expression, StringComparison.Ordinal);
        Assert.Contains("outputs.publicBaseUrl.value", expression, StringComparison.Ordinal);
    }

    [Fact]
    public void The_callback_routes_are_the_ones_the_http_functions_serve()
    {
        Assert.Equal("/api/bigcommerce/auth", Route("BigCommerceAuth"));
        Assert.Equal("/api/bigcommerce/load", Route("BigCommerceLoad"));
        Assert.Equal("/api/bigcommerce/uninstall", Route("BigCommerceUninstall"));
        Assert.Equal("/api/bigcommerce/remove-user", Route("BigCommerceRemoveUser"));
    }

    [Fact]
    public void No_output_is_or_derives_from_a_secret()
    {
        var tainted = FunctionAppTests.SecretDerivedNames(infra.Template);
        Assert.All(CompiledInfrastructure.Members(infra.Template.GetProperty("outputs")), output =>
        {
            Assert.DoesNotContain("secure", output.Value.GetProperty("type").GetString(), StringComparison.OrdinalIgnoreCase);
            var text = output.Value.GetRawText();
            Assert.DoesNotContain(tainted, t => text.Contains(t, StringComparison.Ordinal));
        });
    }

    [Theory]
    [InlineData("AZURE_KEY_VAULT_NAME", "token")]
    [InlineData("AZURE_KEY_VAULT_URI", "token")]
    [InlineData("AZURE_CONFIG_KEY_VAULT_NAME", "config")]
    [InlineData("AZURE_CONFIG_KEY_VAULT_URI", "config")]
    public void Each_vault_output_names_the_vault_the_readme_uses_it_for(string output, string vault)
    {
        // README.md reads the admin key from AZURE_CONFIG_KEY_VAULT_NAME; AZURE_KEY_VAULT_NAME stays the
        // vault with the store tokens, as it was (the same kv-<token> vault) before the split.
        var vaults = new KeyVaults(infra);
        var expression = infra.Template.GetProperty("outputs").GetProperty(output).GetProperty("value").GetString()!;
        var expected = vault == "token" ? KeyVaults.TokenVaultName : vaults.ConfigName;
        Assert.Equal(expected, vaults.VaultBehindOutput(expression));
    }

    private static string Route(string functionName) =>
        TriggerCatalog.Http.Single(h => h.FunctionName == functionName).Path;
}
