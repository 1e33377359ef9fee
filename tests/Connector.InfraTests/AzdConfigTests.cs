using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connector.InfraTests;

/// <summary>azure.yaml and main.parameters.json agree with the template, so `azd up` can run it.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed partial class AzdConfigTests(CompiledInfrastructure infra)
{
    private static readonly JsonElement ParameterFile =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(BuildInfo.InfraDirectory, "main.parameters.json"))).RootElement.Clone();

    private static IReadOnlyDictionary<string, string> MappedParameters =>
        CompiledInfrastructure.Members(ParameterFile.GetProperty("parameters"))
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("value").GetString()!, StringComparer.Ordinal);

    private IEnumerable<JsonProperty> TemplateParameters => CompiledInfrastructure.Members(infra.Template.GetProperty("parameters"));

    [Fact]
    public void Main_targets_the_subscription_so_azd_creates_the_resource_group()
    {
        Assert.Contains("subscriptionDeploymentTemplate.json", infra.Template.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        Assert.Single(infra.OfType("Microsoft.Resources/resourceGroups"));
    }

    [Fact]
    public void Every_parameter_in_the_file_exists_in_the_template()
    {
        var declared = TemplateParameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(MappedParameters.Keys, name => Assert.Contains(name, declared));
    }

    [Fact]
    public void Every_required_parameter_comes_from_the_azd_environment()
    {
        var required = TemplateParameters.Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Name);
        Assert.All(required, name =>
        {
            Assert.True(MappedParameters.TryGetValue(name, out var value), $"{name} is required but not in main.parameters.json.");
            Assert.Matches(EnvironmentReference(), value);
        });
    }

    [Fact]
    public void No_secret_value_is_written_in_the_parameter_file()
    {
        var secure = TemplateParameters
            .Where(p => p.Value.GetProperty("type").GetString()!.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Name);
        Assert.All(secure.Where(MappedParameters.ContainsKey), name => Assert.Matches(EnvironmentReference(), MappedParameters[name]));
    }

    [Fact]
    public void Only_deliberate_outputs_feed_back_into_parameters_on_the_next_provision()
    {
        // azd stores every output in the environment; one named like a variable a parameter reads
        // is passed back on the next `azd provision`.
        var outputs = CompiledInfrastructure.Members(infra.Template.GetProperty("outputs")).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var fedBack = MappedParameters
            .Select(p => (Parameter: p.Key, Variable: EnvironmentReference().Match(p.Value).Groups["name"].Value))
            .Where(p => outputs.Contains(p.Variable))
            .Select(p => $"{p.Parameter}<-{p.Variable}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            ["location<-AZURE_LOCATION", "resourceGroupName<-AZURE_RESOURCE_GROUP", "secretsStored<-CONNECTOR_CONFIG_SECRETS_STORED"],
            fedBack);
    }

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_with_this_infra()
    {
        var yaml = File.ReadAllLines(Path.Combine(BuildInfo.RepositoryRoot, "azure.yaml")).Select(l => l.Trim()).ToList();
        Assert.Contains("services:", yaml);
        Assert.Contains("connector:", yaml);
        Assert.Contains("project: ./functions/Connector.Functions", yaml);
        Assert.Contains("language: dotnet", yaml);
        Assert.Contains("host: function", yaml);
        Assert.Contains("path: infra", yaml);
        Assert.Contains("module: main", yaml);
    }

    [GeneratedRegex(@"^\$\{(?<name>[A-Z0-9_]+)(=[^}]*)?\}$")]
    private static partial Regex EnvironmentReference();
}
