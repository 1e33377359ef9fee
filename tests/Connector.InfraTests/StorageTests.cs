using System.Text.Json;
using Connector.Hosting;
using Connector.Storage;

namespace Connector.InfraTests;

[Collection(InfrastructureCollection.Name)]
public sealed class StorageTests(CompiledInfrastructure infra)
{
    private TemplateResource Account => infra.One("Microsoft.Storage/storageAccounts");

    [Fact]
    public void Shared_key_access_is_off_so_only_entra_identities_get_in()
    {
        Assert.False(Account.Properties.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.True(Account.Properties.GetProperty("defaultToOAuthAuthentication").GetBoolean());
    }

    [Fact]
    public void Only_https_with_tls_1_2_or_later()
    {
        Assert.True(Account.Properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.Equal("TLS1_2", Account.Properties.GetProperty("minimumTlsVersion").GetString());
    }

    [Fact]
    public void No_blob_is_ever_public()
    {
        Assert.False(Account.Properties.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.All(
            infra.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => Assert.Equal("None", c.Properties.GetProperty("publicAccess").GetString()));
    }

    [Fact]
    public void No_account_key_or_sas_is_read_anywhere_in_the_template()
    {
        var json = infra.Build.StandardOutput;
        Assert.DoesNotContain("listKeys(", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listAccountSas(", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listServiceSas(", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_queue_the_connector_uses_and_its_poison_twin_exists_up_front()
    {
        var expected = QueueNames.All.SelectMany(q => new[] { q, QueueNames.PoisonOf(q) }).Order(StringComparer.Ordinal);

        Assert.Equal(expected, LoopedNames("Microsoft.Storage/storageAccounts/queueServices/queues").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_table_the_connector_uses_exists_up_front()
    {
        Assert.Equal(
            TableNames.All.Order(StringComparer.Ordinal),
            LoopedNames("Microsoft.Storage/storageAccounts/tableServices/tables").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_flex_deployment_container_exists_in_the_same_account()
    {
        var container = infra.One("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal(Account.Module, container.Module);
        Assert.Contains("variables('deploymentContainerName')", container.Text("name"), StringComparison.Ordinal);

        // The Function App's deployment source is that container's URL, from the storage module.
        var url = infra.Module("storage").Properties.Path("template.outputs").GetProperty("deploymentContainerUrl").GetProperty("value").GetString();
        Assert.Contains("variables('deploymentContainerName')", url, StringComparison.Ordinal);
        var passed = infra.Module("functionapp").Properties.Path("parameters.deploymentContainerUrl.value").GetString();
        Assert.Contains("'storage'", passed, StringComparison.Ordinal);
        Assert.Contains("outputs.deploymentContainerUrl.value", passed, StringComparison.Ordinal);
    }

    /// <summary>
    /// Child resources declared with a Bicep for-loop compile to one ARM copy loop over a variable;
    /// the names are that variable's literal values.
    /// </summary>
    private IEnumerable<string> LoopedNames(string type)
    {
        var names = new List<string>();
        foreach (var resource in infra.OfType(type))
        {
            var name = resource.Text("name")!;
            var count = resource.Body.Path("copy.count").GetString()!;
            var variable = count["[length(".Length..^")]".Length];
            Assert.Contains($"{variable}[copyIndex()]", name, StringComparison.Ordinal);
            var values = CompiledInfrastructure.ResolveVariable(resource.Template, variable);
            Assert.Equal(JsonValueKind.Array, values.ValueKind);
            names.AddRange(values.EnumerateArray().Select(v => v.GetString()!));
        }

        return names;
    }
}
