using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connector.InfraTests;

[Collection(InfrastructureCollection.Name)]
public sealed partial class FunctionAppTests(CompiledInfrastructure infra)
{
    private TemplateResource Site => infra.One("Microsoft.Web/sites");

    private IReadOnlyDictionary<string, string> AppSettings =>
        CompiledInfrastructure.Members(infra.One("Microsoft.Web/sites/config").Properties)
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    [Fact]
    public void The_plan_is_flex_consumption_on_linux()
    {
        var plan = infra.One("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan.Text("sku.name"));
        Assert.Equal("FlexConsumption", plan.Text("sku.tier"));
        Assert.True(plan.Properties.GetProperty("reserved").GetBoolean());
        Assert.Equal("functionapp,linux", Site.Text("kind"));
    }

    [Fact]
    public void The_runtime_is_the_dotnet_10_isolated_worker()
    {
        Assert.Equal("dotnet-isolated", Site.Properties.Path("functionAppConfig.runtime.name").GetString());
        Assert.Equal("10.0", Site.Properties.Path("functionAppConfig.runtime.version").GetString());
    }

    [Fact]
    public void Only_https_with_tls_1_2_and_no_ftp_or_basic_auth_publishing()
    {
        Assert.True(Site.Properties.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("1.2", Site.Properties.Path("siteConfig.minTlsVersion").GetString());
        Assert.Equal("1.2", Site.Properties.Path("siteConfig.scmMinTlsVersion").GetString());
        Assert.Equal("Disabled", Site.Properties.Path("siteConfig.ftpsState").GetString());

        var policies = infra.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False(p.Properties.GetProperty("allow").GetBoolean()));
    }

    [Fact]
    public void The_app_runs_as_the_user_assigned_identity_alone()
    {
        Assert.Equal("UserAssigned", Site.Text("identity.type"));
        var identities = CompiledInfrastructure.Members(Site.Body.Path("identity.userAssignedIdentities")).ToList();
        Assert.Single(identities);
        Assert.Contains("parameters('identityId')", identities[0].Name, StringComparison.Ordinal);

        // Key Vault references and the Flex deployment download use it too.
        Assert.Equal("[parameters('identityId')]", Site.Properties.GetProperty("keyVaultReferenceIdentity").GetString());
        var storage = Site.Properties.Path("functionAppConfig.deployment.storage");
        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        Assert.Equal("UserAssignedIdentity", storage.Path("authentication.type").GetString());
        Assert.Equal("[parameters('identityId')]", storage.Path("authentication.userAssignedIdentityResourceId").GetString());

        // ... and the identity passed in is the one the identity module created.
        var passed = infra.Module("functionapp").Properties.Path("parameters.identityId.value").GetString();
        Assert.Contains("'identity'", passed, StringComparison.Ordinal);
        Assert.Contains("outputs.id.value", passed, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_is_reached_with_the_managed_identity_not_a_connection_string()
    {
        var settings = AppSettings;
        Assert.Equal("[parameters('storageAccountName')]", settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AZURE_CLIENT_ID"]);
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"));
    }

    [Fact]
    public void Application_insights_authenticates_with_entra_id()
    {
        var settings = AppSettings;
        Assert.True(settings.ContainsKey("APPLICATIONINSIGHTS_CONNECTION_STRING"));
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void Every_setting_the_connector_reads_is_set()
    {
        string[] expected =
        [
            "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
            "AZURE_CLIENT_ID", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            "OrderPollSchedule", "InventoryPushSchedule", "ShipmentPollSchedule", "CatalogPollSchedule", "CatalogPushSchedule",
            "BigCommerce__ApiBaseUrl", "BigCommerce__LoginBaseUrl", "BigCommerce__ClientId", "BigCommerce__ClientSecret",
            "KeyVault__Uri", "Connector__PublicBaseUrl", "Connector__AdminApiKey",
            "BackOffice__BaseUrl", "BackOffice__SigningSecret",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), AppSettings.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    public void Settings_flex_consumption_rejects_are_not_set(string name) =>
        Assert.False(AppSettings.ContainsKey(name));

    [Fact]
    public void No_setting_carries_a_key_a_sas_or_a_connection_string_with_credentials()
    {
        Assert.All(AppSettings, setting =>
        {
            Assert.DoesNotContain("AccountKey=", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("sig=", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", setting.Value, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Every_secret_setting_is_a_key_vault_reference_to_a_secret_the_template_writes()
    {
        var vaultSecretNames = infra.OfType("Microsoft.KeyVault/vaults/secrets")
            .Select(s => CompiledInfrastructure.ResolveVariable(s.Template, SecretNameIn(s.Text("name")!)).GetString())
            .ToHashSet(StringComparer.Ordinal);
        var functionApp = infra.One("Microsoft.Web/sites/config").Template;

        var secretSettings = AppSettings.Where(s => SecretSettingName().IsMatch(s.Key)).ToList();
        Assert.Equal(["BackOffice__SigningSecret", "BigCommerce__ClientSecret", "Connector__AdminApiKey"], secretSettings.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.All(secretSettings, setting =>
        {
            var match = KeyVaultReference().Match(setting.Value);
            Assert.True(match.Success, $"{setting.Key} = {setting.Value} is not a Key Vault reference.");
            var secretName = CompiledInfrastructure.ResolveVariable(functionApp, match.Groups["secret"].Value).GetString();
            Assert.Contains(secretName, vaultSecretNames);
        });
    }

    [Fact]
    public void Every_key_vault_reference_names_the_configuration_vault()
    {
        // The references resolve with the identity, which can only read that vault: a reference into the
        // token vault would mean the app's own secrets sit where it can write.
        var vaults = new KeyVaults(infra);
        var references = AppSettings.Where(s => s.Value.Contains("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(3, references.Count);
        Assert.All(references, setting =>
        {
            var match = KeyVaultReference().Match(setting.Value);
            Assert.True(match.Success, $"{setting.Key} = {setting.Value} is not a Key Vault reference.");
            var vault = vaults.VaultBehindFunctionAppParameter(match.Groups["vault"].Value);
            Assert.True(vault == vaults.ConfigName, $"{setting.Key} references a secret in {vault}, not the configuration vault {vaults.ConfigName}.");
        });
    }

    [Fact]
    public void KeyVault_Uri_names_the_token_vault()
    {
        // The connector's StoreTokenVault creates, reads and deletes store-token-{hash} in the vault
        // KeyVault__Uri names: the one where the identity is Secrets Officer, and that keeps the old name.
        var vaults = new KeyVaults(infra);
        var setting = AppSettings["KeyVault__Uri"];
        Assert.Matches(@"^\[parameters\('\w+'\)\]$", setting);
        Assert.Equal(KeyVaults.TokenVaultName, vaults.VaultBehindFunctionAppParameter(setting));
    }

    [Fact]
    public void No_secure_parameter_flows_into_the_function_app_at_all()
    {
        // Inside the module: no parameter is secure, so no setting can hold a secret value.
        var module = infra.Module("functionapp");
        var parameters = module.Properties.Path("template.parameters");
        Assert.All(
            CompiledInfrastructure.Members(parameters),
            p => Assert.DoesNotContain("secure", p.Value.GetProperty("type").GetString(), StringComparison.OrdinalIgnoreCase));

        // From main.bicep: nothing passed to the module derives from a secure parameter.
        var tainted = SecretDerivedNames(infra.Template);
        Assert.NotEmpty(tainted);
        Assert.All(CompiledInfrastructure.Members(module.Properties.GetProperty("parameters")), p =>
        {
            var value = p.Value.GetRawText();
            Assert.DoesNotContain(tainted, t => value.Contains(t, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void The_public_base_url_defaults_to_the_apps_own_https_host()
    {
        var url = AppSettings["Connector__PublicBaseUrl"];
        Assert.Contains("parameters('publicBaseUrl')", url, StringComparison.Ordinal);
        Assert.Contains("format('https://{0}', reference('site').defaultHostName)", url, StringComparison.Ordinal);
    }

    [Fact]
    public void Azd_finds_the_app_by_its_service_tag()
    {
        Assert.Contains("'azd-service-name', parameters('azdServiceName')", Site.Text("tags"), StringComparison.Ordinal);
        Assert.Equal("connector", infra.Module("functionapp").Properties.Path("parameters.azdServiceName.value").GetString());
    }

    /// <summary>
    /// <c>parameters('x')</c> for every secure parameter of <paramref name="template"/>, and
    /// <c>variables('y')</c> for every variable computed from one of them, transitively.
    /// </summary>
    internal static IReadOnlyList<string> SecretDerivedNames(JsonElement template)
    {
        var tainted = CompiledInfrastructure.Members(template.GetProperty("parameters"))
            .Where(p => p.Value.GetProperty("type").GetString()!.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            .Select(p => $"parameters('{p.Name}')")
            .ToList();

        var variables = CompiledInfrastructure.Members(template.Path("variables")).ToList();
        bool added;
        do
        {
            added = false;
            foreach (var variable in variables)
            {
                var reference = $"variables('{variable.Name}')";
                var text = variable.Value.GetRawText();
                if (!tainted.Contains(reference) && tainted.Any(t => text.Contains(t, StringComparison.Ordinal)))
                {
                    tainted.Add(reference);
                    added = true;
                }
            }
        }
        while (added);

        return tainted;
    }

    private static string SecretNameIn(string resourceName)
    {
        var match = SecretResourceName().Match(resourceName);
        Assert.True(match.Success, resourceName);
        return match.Groups["secret"].Value;
    }

    [GeneratedRegex("(Secret|Key|Password|Token)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretSettingName();

    [GeneratedRegex(@"^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}secrets/\{1\}\)', (?<vault>parameters\('\w+'\)), (?<secret>variables\('secretNames'\)\.\w+)\)\]$")]
    private static partial Regex KeyVaultReference();

    [GeneratedRegex(@"^\[format\('\{0\}/\{1\}', parameters\('\w+'\), (?<secret>variables\('secretNames'\)\.\w+)\)\]$")]
    private static partial Regex SecretResourceName();
}
